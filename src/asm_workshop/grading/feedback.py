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

The page is rendered from ``templates/feedback.html.j2`` (``not_graded.html.j2`` when nothing
could be graded) with its style ``templates/feedback.css``; ``pages`` says how a trainer
restyles them. This module decides what the page may show; the template only lays it out.
"""

from __future__ import annotations

import ast
import builtins
import html
import re
from pathlib import Path

import mistune
import nbformat
from markupsafe import Markup

from asm_workshop import pages
from asm_workshop.grading.gradebook_merge import ParticipantScores
from asm_workshop.i18n import format_number, t

MAX_OUTPUT_CHARACTERS = 5_000
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


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
    cells = []
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
        outputs = []
        if cell.cell_type == "code" and not _is_test(cell) and index < first_hidden:
            outputs = [text for output in cell.get("outputs", []) if (text := _output(output, hidden_lines))]
        cells.append({
            "kind": kind,
            # Markdown becomes HTML here (raw HTML escaped, see _markdown); code stays text.
            "markdown": Markup(_markdown(source)) if cell.cell_type == "markdown" else None,
            "code": source,
            "outputs": outputs,
            "verdict": _verdict(cell, parts[grade_id], given.get(grade_id)) if grade_id in parts else None,
        })
    key = "grading.feedback_total_pending" if scores.needs_manual_grade else "grading.feedback_total"
    return pages.render(
        "feedback.html.j2", title=t("grading.feedback_title", assignment=assignment), assignment=assignment,
        participant=scores.participant, pending=scores.needs_manual_grade,
        total=t(key, score=_points(scores.score), max_score=_points(scores.max_score)),
        parts=[(grade_id, _part_status(part)) for grade_id, part in parts.items()], cells=cells,
    )


def not_graded_page(participant: str, assignment: str, reason: str) -> str:
    """Return a page telling a participant their submission could not be graded, and why."""
    return pages.render("not_graded.html.j2", title=t("grading.feedback_title", assignment=assignment),
                        assignment=assignment, participant=participant, reason=reason)


# --- pieces of the page -----------------------------------------------------------------------


def _part_status(part) -> str:
    if part.needs_manual_grade:
        return t("grading.feedback_part_waiting", max_score=_points(part.max_score))
    if part.graded_by_person:
        return t("grading.feedback_part_by_trainer", score=_points(part.score),
                 max_score=_points(part.max_score))
    key = "grading.feedback_part_passed" if part.score >= part.max_score else "grading.feedback_part_failed"
    return t(key, score=_points(part.score), max_score=_points(part.max_score))


def _output(output: dict, hidden_lines: set[str]) -> str:
    """The output's text as it may be shown ("" when it must not be: see the module's docstring)."""
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
    return text


def _verdict(cell, part, given_cell) -> dict:
    if part.needs_manual_grade:
        css = "waiting"
    else:
        css = "passed" if part.score >= part.max_score else "failed"
    lines = []
    if _is_test(cell) and not part.graded_by_person and part.score < part.max_score:
        lines.append(_why_check_failed(cell, given_cell))
    if part.comment:
        lines.append(f"{t('grading.feedback_trainer_comment')} {part.comment}")
    return {"css": css, "status": _part_status(part), "lines": lines}


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


def _points(value: float) -> str:
    # Points as the participant reads numbers: "1,5" in French; whole points without decimals.
    return format_number(value, 2, trim=True)
