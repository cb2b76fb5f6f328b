"""An engagement plan as a printable page (one self-contained HTML file) and as Markdown.

The HTML file needs nothing else: its style is inline, its timeline chart is inline SVG (the
letters drawn as shapes, so no font has to be found), and it refers to no address outside
itself, so it opens and prints offline. It prints on A4: headings stay with what follows them,
table rows and the chart are never cut across two pages, and the activities table repeats its
header on each page. Headings follow the current language; the plan's own words are kept as
written.
"""

from __future__ import annotations

import html
import io
import os
import re
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from asm_workshop.i18n import format_amount, get_language, t
from asm_workshop.plan import (
    budget_by_owner,
    budget_total,
    format_date,
    plan_slug,
    timeline_figure,
)

_STYLE = """
@page { size: A4; margin: 16mm 15mm 18mm 15mm; }
html { font-family: "DejaVu Sans", "Liberation Sans", Arial, Helvetica, sans-serif; font-size: 10pt;
       color: #000; background: #fff; line-height: 1.35; }
body { margin: 0 auto; max-width: 180mm; }
h1 { font-size: 17pt; margin: 0 0 3pt; line-height: 1.2; }
h2 { font-size: 12.5pt; margin: 13pt 0 5pt; padding-bottom: 2pt; border-bottom: 1.2pt solid #000;
     break-after: avoid; page-break-after: avoid; }
h3 { font-size: 10.5pt; margin: 9pt 0 4pt; break-after: avoid; page-break-after: avoid; }
p { margin: 3pt 0; }
.summary { display: grid; grid-template-columns: max-content 1fr; gap: 1.5pt 10pt; border: 0.8pt solid #000;
           padding: 5pt 7pt; margin: 6pt 0 4pt; break-inside: avoid; }
.summary dt { font-weight: bold; }
.summary dd { margin: 0; }
ol, ul { margin: 2pt 0 2pt 0; padding-left: 6mm; }
li { margin: 1.5pt 0; break-inside: avoid; page-break-inside: avoid; }
ul.names { columns: 2; column-gap: 10mm; }
.empty { font-style: italic; color: #333; }
figure { margin: 4pt 0; break-inside: avoid; page-break-inside: avoid; }
figure svg { display: block; width: 100%; height: auto; }
table { border-collapse: collapse; width: 100%; margin: 3pt 0; font-size: 9pt; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
th, td { border: 0.7pt solid #444; padding: 2.5pt 4pt; text-align: left; vertical-align: top; }
th { background: #e6e6e6; }
td.number, th.number { text-align: right; white-space: nowrap; }
td.date { white-space: nowrap; }
tr.total td { font-weight: bold; border-top: 1.5pt solid #000; }
table.owners { width: auto; min-width: 50%; }
.keep { break-inside: avoid; page-break-inside: avoid; }
footer { margin-top: 12pt; font-size: 8pt; color: #333; }
@media screen { body { padding: 12mm 8mm; } }
"""


def _lines(plan: Mapping[str, Any], name: str) -> list[str]:
    return [line.strip() for line in plan.get(name, []) if isinstance(line, str) and line.strip()]


def _title(plan: Mapping[str, Any]) -> str:
    return str(plan.get("title") or "").strip() or t("plan.export.untitled")


def _case(plan: Mapping[str, Any]) -> str | None:
    case = plan.get("case")
    return t(f"plan.case.{case}") if case in ("burkina_gold", "benin_sand") else None


def _period(plan: Mapping[str, Any]) -> str:
    period = plan.get("period") or {}
    try:
        return t("plan.export.period_text", start=format_date(period.get("start")),
                 end=format_date(period.get("end")))
    except ValueError:
        return t("plan.export.period_text", start=str(period.get("start")), end=str(period.get("end")))


def _date(value: Any) -> str:
    try:
        return format_date(value, abbreviated=True)
    except ValueError:
        return str(value)


def fcfa(amount: float) -> str:
    """Return an amount written for the current language, with its unit: "1,250,000 FCFA"."""
    return f"{format_amount(amount)} FCFA"


def _cost(value: Any) -> str:
    return fcfa(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else str(value)


def _owners(plan: Mapping[str, Any]) -> list[tuple[str, float]]:
    return [(owner or t("plan.export.no_owner"), amount) for owner, amount in budget_by_owner(plan).items()]


# --- Markdown -------------------------------------------------------------------------------------

def _markdown_cell(text: Any) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def _markdown_list(lines: Iterable[str], numbered: bool) -> str:
    items = [f"{f'{number}.' if numbered else '-'} {' '.join(line.split())}"
             for number, line in enumerate(lines, start=1)]
    return "\n".join(items) if items else f"*{t('plan.export.nothing_yet')}*"


def to_markdown(plan: Mapping[str, Any]) -> str:
    """Return the plan as a Markdown document (headings in the current language)."""
    parts = [f"# {_title(plan)}", ""]
    case = _case(plan)
    if case:
        parts.append(f"- **{t('plan.export.case')}:** {case}")
    parts += [f"- **{t('plan.export.period')}:** {_period(plan)}",
              f"- **{t('plan.export.budget_total')}:** {fcfa(budget_total(plan))}", ""]
    for name, numbered in (("objectives", True), ("stakeholders", False)):
        parts += [f"## {t(f'plan.export.{name}')}", "", _markdown_list(_lines(plan, name), numbered), ""]
    parts += [f"## {t('plan.export.activities')}", ""]
    activities = plan.get("activities", [])
    if activities:
        headers = [t("plan.export.column.number"), t("plan.export.column.activity"),
                   t("plan.export.column.start"), t("plan.export.column.end"),
                   t("plan.export.column.owner"), t("plan.export.column.cost")]
        parts.append("| " + " | ".join(headers) + " |")
        parts.append("|---:|---|---|---|---|---:|")
        for number, activity in enumerate(activities, start=1):
            cells = [str(number), activity.get("name", ""), _date(activity.get("start")),
                     _date(activity.get("end")), activity.get("owner", "") or "–",
                     _cost(activity.get("cost"))]
            parts.append("| " + " | ".join(_markdown_cell(cell) for cell in cells) + " |")
        parts.append(f"| | **{t('plan.export.budget_total')}** | | | | **{fcfa(budget_total(plan))}** |")
        parts += ["", f"### {t('plan.export.budget_by_owner')}", ""]
        parts += [f"- {_markdown_cell(owner)}: {fcfa(amount)}" for owner, amount in _owners(plan)]
    else:
        parts.append(f"*{t('plan.export.nothing_yet')}*")
    parts.append("")
    for name, numbered in (("indicators", True), ("risks_assumptions", False)):
        parts += [f"## {t(f'plan.export.{name}')}", "", _markdown_list(_lines(plan, name), numbered), ""]
    return "\n".join(parts)


# --- HTML ---------------------------------------------------------------------------------------

def timeline_svg(plan: Mapping[str, Any]) -> str:
    """Return the plan's timeline chart as an SVG element to put inside an HTML page.

    The XML prologue, the metadata and the namespace declarations are left out: an HTML page
    does not need them, and the page must name no address at all.
    """
    figure = timeline_figure(plan, title=False)
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None, "Format": None,
                                                    "Type": None})
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg"):]
    svg = re.sub(r"<metadata>.*?</metadata>", "", svg, flags=re.S)
    svg = re.sub(r'\s+xmlns(:\w+)?="[^"]*"', "", svg)
    svg = re.sub(r'\s+version="1\.1"', "", svg, count=1)
    label = html.escape(t("plan.chart.title"), quote=True)
    return svg.replace("<svg", f'<svg role="img" aria-label="{label}"', 1)


def _html_list(lines: list[str], numbered: bool, css_class: str = "") -> str:
    if not lines:
        return f'<p class="empty">{html.escape(t("plan.export.nothing_yet"))}</p>'
    tag = "ol" if numbered else "ul"
    attribute = f' class="{css_class}"' if css_class else ""
    return f"<{tag}{attribute}>" + "".join(f"<li>{html.escape(line)}</li>" for line in lines) + f"</{tag}>"


def _activities_html(plan: Mapping[str, Any]) -> str:
    activities = plan.get("activities", [])
    if not activities:
        return f'<p class="empty">{html.escape(t("plan.export.nothing_yet"))}</p>'
    headers = [("number", "plan.export.column.number"), ("", "plan.export.column.activity"),
               ("", "plan.export.column.start"), ("", "plan.export.column.end"),
               ("", "plan.export.column.owner"), ("number", "plan.export.column.cost")]
    head = "".join(f'<th class="{kind}">{html.escape(t(key))}</th>' if kind
                   else f"<th>{html.escape(t(key))}</th>" for kind, key in headers)
    rows = []
    for number, activity in enumerate(activities, start=1):
        rows.append(
            "<tr>"
            f'<td class="number">{number}</td>'
            f"<td>{html.escape(str(activity.get('name', '')))}</td>"
            f'<td class="date">{html.escape(_date(activity.get("start")))}</td>'
            f'<td class="date">{html.escape(_date(activity.get("end")))}</td>'
            f"<td>{html.escape(str(activity.get('owner') or '–'))}</td>"
            f'<td class="number">{html.escape(_cost(activity.get("cost")))}</td>'
            "</tr>")
    rows.append('<tr class="total"><td></td>'
                f'<td colspan="4">{html.escape(t("plan.export.budget_total"))}</td>'
                f'<td class="number">{html.escape(fcfa(budget_total(plan)))}</td></tr>')
    owners = "".join(f'<tr><td>{html.escape(owner)}</td>'
                     f'<td class="number">{html.escape(fcfa(amount))}</td></tr>'
                     for owner, amount in _owners(plan))
    return (f'<table class="activities"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
            f'<div class="keep"><h3>{html.escape(t("plan.export.budget_by_owner"))}</h3>'
            f'<table class="owners"><thead><tr><th>{html.escape(t("plan.export.column.owner"))}</th>'
            f'<th class="number">{html.escape(t("plan.export.column.cost"))}</th></tr></thead>'
            f"<tbody>{owners}</tbody></table></div>")


def to_html(plan: Mapping[str, Any]) -> str:
    """Return the plan as one printable, self-contained HTML page (A4), headings in the current language."""
    title = html.escape(_title(plan))
    summary = []
    case = _case(plan)
    if case:
        summary.append((t("plan.export.case"), case))
    summary += [(t("plan.export.period"), _period(plan)),
                (t("plan.export.budget_total"), fcfa(budget_total(plan))),
                (t("plan.export.activity_count"), str(len(plan.get("activities", []))))]
    summary_html = "".join(f"<dt>{html.escape(name)}</dt><dd>{html.escape(value)}</dd>"
                           for name, value in summary)
    sections = [
        f"<header><h1>{title}</h1><dl class=\"summary\">{summary_html}</dl></header>",
        f"<section><h2>{html.escape(t('plan.export.objectives'))}</h2>"
        f"{_html_list(_lines(plan, 'objectives'), True)}</section>",
        f"<section><h2>{html.escape(t('plan.export.stakeholders'))}</h2>"
        f"{_html_list(_lines(plan, 'stakeholders'), False, 'names')}</section>",
        f"<section><h2>{html.escape(t('plan.export.activities'))}</h2>{_activities_html(plan)}</section>",
        f"<section><h2>{html.escape(t('plan.export.indicators'))}</h2>"
        f"{_html_list(_lines(plan, 'indicators'), True)}</section>",
        f"<section><h2>{html.escape(t('plan.export.risks_assumptions'))}</h2>"
        f"{_html_list(_lines(plan, 'risks_assumptions'), False)}</section>",
        f"<section class=\"keep\"><h2>{html.escape(t('plan.export.timeline'))}</h2>"
        f"<figure>{timeline_svg(plan)}</figure></section>",
        f"<footer>{html.escape(t('plan.export.footer'))}</footer>",
    ]
    return (f'<!DOCTYPE html>\n<html lang="{get_language()}">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>{title}</title>\n'
            f"<style>{_STYLE}</style>\n</head>\n<body>\n" + "\n".join(sections) + "\n</body>\n</html>\n")


def export(plan: Mapping[str, Any], folder: str | os.PathLike[str]) -> tuple[Path, Path]:
    """Write the plan as ``<slug>.html`` and ``<slug>.md`` in ``folder`` (made if needed), the slug
    from its title (``plan_slug``); return both paths. Each file is replaced whole or not at all."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    slug = plan_slug(str(plan.get("title") or ""))
    html_path, markdown_path = folder / f"{slug}.html", folder / f"{slug}.md"
    for path, text in ((html_path, to_html(plan)), (markdown_path, to_markdown(plan))):
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{slug}.", suffix=".tmp")
        try:
            with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
                stream.write(text)
            os.replace(temporary, path)
        except BaseException:
            if os.path.exists(temporary):
                os.unlink(temporary)
            raise
    return html_path, markdown_path
