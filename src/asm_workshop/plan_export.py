"""An engagement plan as a printable page (one self-contained HTML file) and as Markdown.

The HTML file needs nothing else: its style is inline, its timeline chart is inline SVG (the
letters drawn as shapes, so no font has to be found), and it refers to no address outside
itself, so it opens and prints offline. It prints on A4: headings stay with what follows them,
table rows and the chart are never cut across two pages, and the activities table repeats its
header on each page. Headings follow the current language; the plan's own words are kept as
written.

The page is rendered from ``templates/plan.html.j2`` and its style ``templates/plan.css``
(``pages`` says how a trainer restyles it); the Markdown is written here.
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

from markupsafe import Markup

from asm_workshop import pages
from asm_workshop.cases import CASES, case_label
from asm_workshop.i18n import format_number, t
from asm_workshop.plan import (
    budget_by_owner,
    budget_total,
    format_date,
    plan_slug,
    timeline_figure,
)


def _lines(plan: Mapping[str, Any], name: str) -> list[str]:
    return [line.strip() for line in plan.get(name, []) if isinstance(line, str) and line.strip()]


def _title(plan: Mapping[str, Any]) -> str:
    return str(plan.get("title") or "").strip() or t("plan.export.untitled")


def _case(plan: Mapping[str, Any]) -> str | None:
    case = plan.get("case")
    return case_label(case) if case in CASES else None


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
    return f"{format_number(amount)} FCFA"


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


def to_html(plan: Mapping[str, Any]) -> str:
    """Return the plan as one printable, self-contained HTML page (A4), headings in the current language."""
    summary = []
    case = _case(plan)
    if case:
        summary.append((t("plan.export.case"), case))
    summary += [(t("plan.export.period"), _period(plan)),
                (t("plan.export.budget_total"), fcfa(budget_total(plan))),
                (t("plan.export.activity_count"), str(len(plan.get("activities", []))))]
    activities = [
        {"name": str(activity.get("name", "")), "start": _date(activity.get("start")),
         "end": _date(activity.get("end")), "owner": str(activity.get("owner") or "–"),
         "cost": _cost(activity.get("cost"))}
        for activity in plan.get("activities", [])
    ]
    return pages.render(
        "plan.html.j2", title=_title(plan), summary=summary,
        objectives=_lines(plan, "objectives"), stakeholders=_lines(plan, "stakeholders"),
        activities=activities, budget_total=fcfa(budget_total(plan)),
        owners=[(owner, fcfa(amount)) for owner, amount in _owners(plan)],
        indicators=_lines(plan, "indicators"), risks_assumptions=_lines(plan, "risks_assumptions"),
        # The chart is SVG that matplotlib drew and timeline_svg cleaned: HTML on purpose.
        timeline=Markup(timeline_svg(plan)),
    )


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
