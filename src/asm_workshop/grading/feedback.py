"""Feedback pages for participants: one offline HTML page per notebook, without hidden tests.

nbgrader's own feedback shows the graded notebook as it ran, hidden tests included. Here a page
shows what the participant saw and wrote, and what they earned:

- every cell the exercise gave (instructions, test cells) comes from the participant version,
  so hidden tests and mark schemes never appear; the participant's own cells are theirs;
- outputs are shown only for cells that ran before the first hidden test (code that runs
  later can have seen the hidden tests and could print them), and only as text;
- a failed check is explained in general words, or with its own message when that message is
  one of the visible check's (the text of an error raised during hidden tests is never shown).

The page loads nothing: no script, no font, no image from anywhere (pictures in markdown are
replaced by their description unless embedded), so it reads the same offline.
"""

from __future__ import annotations

import ast
import builtins
import html
import re
from pathlib import Path

import mistune
import nbformat

from asm_workshop.grading.gradebook_merge import ParticipantScores
from asm_workshop.i18n import get_language, t

MAX_OUTPUT_CHARACTERS = 5_000
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
_STYLE = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
       max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #1d1d1d; line-height: 1.5; }
pre { background: #f5f5f5; padding: 0.6rem; overflow-x: auto; white-space: pre-wrap; }
code, pre { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 0.9rem; }
.cell { border-left: 3px solid #d0d0d0; padding-left: 0.8rem; margin: 1rem 0; }
.answer { border-left-color: #3b7dd8; }
.output { background: #fff; border: 1px dashed #c8c8c8; }
.score { padding: 0.4rem 0.8rem; margin: 0.4rem 0; border-radius: 4px; }
.passed { background: #e3f4e1; } .failed { background: #fbe4e1; } .waiting { background: #fdf3d7; }
table.parts { border-collapse: collapse; } table.parts td, table.parts th { padding: 0.2rem 0.8rem;
  border-bottom: 1px solid #ddd; text-align: left; }
.note { color: #555; font-size: 0.9rem; }
"""


class _OfflineRenderer(mistune.HTMLRenderer):
    """Markdown to HTML with raw HTML escaped and only embedded pictures kept."""

    def image(self, text: str, url: str, title: str | None = None) -> str:
        if url.startswith("data:image/"):
            return super().image(text, url, title)
        return f"<em>[{html.escape(text or url)}]</em>"


_markdown = mistune.create_markdown(escape=True, renderer=_OfflineRenderer(escape=True),
                                    plugins=["table", "strikethrough"])


def feedback_page(
    autograded: Path,
    released: Path,
    scores: ParticipantScores,
    *,
    assignment: str,
) -> str:
    """Return the feedback page (HTML) for one graded notebook.

    ``autograded`` is the notebook as nbgrader graded it, ``released`` the participant version
    of the same notebook, ``scores`` the participant's scores from the gradebook.
    """
    notebook_name = autograded.stem
    graded = nbformat.read(autograded, as_version=4)
    given = {_grade_id(cell): cell for cell in nbformat.read(released, as_version=4).cells if _grade_id(cell)}
    hidden_lines = _hidden_lines(graded, given)
    first_hidden = next(
        (i for i, cell in enumerate(graded.cells) if _is_test(cell) and _has_hidden_tests(cell, given)),
        len(graded.cells),
    )
    parts = {grade_id: part for (notebook, grade_id), part in scores.parts.items()
             if notebook == notebook_name}
    body = [
        f"<h1>{html.escape(t('grading.feedback_title', assignment=assignment))}</h1>",
        f"<p>{html.escape(t('grading.feedback_participant', participant=scores.participant))}</p>",
        _summary(scores, parts),
        f"<p class='note'>{html.escape(t('grading.feedback_outputs_note'))}</p>",
    ]
    for index, cell in enumerate(graded.cells):
        grade_id = _grade_id(cell)
        if _is_test(cell):
            if grade_id not in given:
                continue
            source, kind = given[grade_id].source, "given"
        elif grade_id in given and not _is_solution(cell):
            source, kind = given[grade_id].source, "given"
        else:
            source, kind = cell.source, "answer"
        parts_html = [_source(cell.cell_type, source)]
        if cell.cell_type == "code" and not _is_test(cell) and index < first_hidden:
            parts_html += [_output(output, hidden_lines) for output in cell.get("outputs", [])]
        if grade_id in parts:
            parts_html.append(_verdict(cell, parts[grade_id], given.get(grade_id)))
        body.append(f"<div class='cell {kind}'>{''.join(parts_html)}</div>")
    return _page(t("grading.feedback_title", assignment=assignment), "\n".join(body))


def not_graded_page(participant: str, assignment: str, reason: str) -> str:
    """Return a page telling a participant their submission could not be graded, and why."""
    body = (
        f"<h1>{html.escape(t('grading.feedback_title', assignment=assignment))}</h1>"
        f"<p>{html.escape(t('grading.feedback_participant', participant=participant))}</p>"
        f"<p class='score failed'>{html.escape(t('grading.feedback_not_graded', reason=reason))}</p>"
    )
    return _page(t("grading.feedback_title", assignment=assignment), body)


# --- pieces of the page -----------------------------------------------------------------------


def _page(title: str, body: str) -> str:
    return (
        f"<!DOCTYPE html>\n<html lang='{get_language()}'>\n<head>\n<meta charset='utf-8'>\n"
        f"<meta name='viewport' content='width=device-width, initial-scale=1'>\n"
        f"<title>{html.escape(title)}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    )


def _summary(scores: ParticipantScores, parts: dict) -> str:
    key = "grading.feedback_total_pending" if scores.needs_manual_grade else "grading.feedback_total"
    total = t(key, score=_number(scores.score), max_score=_number(scores.max_score))
    rows = "".join(
        f"<tr><td>{html.escape(grade_id)}</td><td>{html.escape(_part_status(part))}</td></tr>"
        for grade_id, part in parts.items()
    )
    return (f"<p class='score {'waiting' if scores.needs_manual_grade else 'passed'}'><strong>"
            f"{html.escape(total)}</strong></p><table class='parts'>{rows}</table>")


def _part_status(part) -> str:
    if part.needs_manual_grade:
        return t("grading.feedback_part_waiting", max_score=_number(part.max_score))
    if part.graded_by_person:
        return t("grading.feedback_part_by_trainer", score=_number(part.score),
                 max_score=_number(part.max_score))
    key = "grading.feedback_part_passed" if part.score >= part.max_score else "grading.feedback_part_failed"
    return t(key, score=_number(part.score), max_score=_number(part.max_score))


def _source(cell_type: str, source: str) -> str:
    if cell_type == "markdown":
        return _markdown(source)
    return f"<pre><code>{html.escape(source)}</code></pre>"


def _output(output: dict, hidden_lines: set[str]) -> str:
    kind = output.get("output_type")
    if kind == "stream":
        text = output.get("text", "")
    elif kind == "error":
        text = "\n".join(output.get("traceback", [])) or f"{output.get('ename')}: {output.get('evalue')}"
    elif kind == "execute_result":
        text = output.get("data", {}).get("text/plain", "")
    else:
        return ""  # pictures, widgets and HTML: not shown (see the module's docstring)
    text = _ANSI.sub("", text if isinstance(text, str) else "".join(text))
    if any(line in text for line in hidden_lines):
        return ""
    if len(text) > MAX_OUTPUT_CHARACTERS:
        text = text[:MAX_OUTPUT_CHARACTERS] + "\n..."
    return f"<pre class='output'>{html.escape(text)}</pre>"


def _verdict(cell, part, given_cell) -> str:
    status = _part_status(part)
    if part.needs_manual_grade:
        css = "waiting"
    else:
        css = "passed" if part.score >= part.max_score else "failed"
    lines = [f"<strong>{html.escape(status)}</strong>"]
    if _is_test(cell) and not part.graded_by_person and part.score < part.max_score:
        lines.append(html.escape(_why_check_failed(cell, given_cell)))
    if part.comment:
        lines.append(f"{html.escape(t('grading.feedback_trainer_comment'))} {html.escape(part.comment)}")
    return f"<div class='score {css}'>{'<br>'.join(lines)}</div>"


def _why_check_failed(cell, given_cell) -> str:
    errors = [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]
    if not errors:
        return t("grading.feedback_check_hidden_failed")
    name, message = str(errors[0].get("ename", "")), str(errors[0].get("evalue", "")).strip()
    visible_messages = _string_constants(given_cell.source) if given_cell is not None else set()
    if message and message in visible_messages:
        return t("grading.feedback_check_message", message=message)
    if name == "NameError":
        return t("grading.feedback_check_name_error")
    if name in ("CellTimeoutError", "KeyboardInterrupt", "TimeoutError"):
        return t("grading.feedback_check_timeout")
    if name == "AssertionError" or not isinstance(getattr(builtins, name, None), type):
        return t("grading.feedback_check_hidden_failed")
    return t("grading.feedback_check_error", error=name)


# --- reading the notebooks --------------------------------------------------------------------


def _grade_id(cell) -> str | None:
    return cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")


def _is_solution(cell) -> bool:
    return bool(cell.get("metadata", {}).get("nbgrader", {}).get("solution"))


def _is_test(cell) -> bool:
    grading = cell.get("metadata", {}).get("nbgrader", {})
    return bool(grading.get("grade")) and not grading.get("solution") and cell.cell_type == "code"


def _has_hidden_tests(cell, given: dict) -> bool:
    released = given.get(_grade_id(cell))
    return released is None or released.source.strip() != cell.source.strip()


def _hidden_lines(graded, given: dict) -> set[str]:
    """Lines of the hidden tests (long enough to be telling), to keep out of any output shown."""
    lines = set()
    for cell in graded.cells:
        if _is_test(cell):
            visible = set(given[_grade_id(cell)].source.splitlines()) if _grade_id(cell) in given else set()
            lines |= {line.strip() for line in cell.source.splitlines() if line not in visible}
    return {line for line in lines if len(line) >= 12 and not line.startswith("###")}


def _string_constants(source: str) -> set[str]:
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return set()
    return {node.value.strip() for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str)}


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"
