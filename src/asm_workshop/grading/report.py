"""The class picture for the trainer: ``grades.csv`` and ``summary.png``.

``grades.csv`` has one row per participant: id, the language they worked in, score, max score,
the score of each graded part, a status (graded, needs manual grading, not graded) and the
reason in plain words. ``summary.png`` shows how total scores spread and the share of
participants who got each part fully right, so the trainer sees which exercise the room
struggled with.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from matplotlib.figure import Figure

from asm_workshop.i18n import format_number, t

GRADED = "graded"
NEEDS_MANUAL_GRADING = "needs manual grading"
NOT_GRADED = "not graded"


@dataclass(frozen=True)
class Part:
    """One graded part of an assignment: an nbgrader grade cell and its points."""

    notebook: str
    grade_id: str
    max_score: float
    written: bool
    """True for an answer a person grades (a graded solution cell), False for tests."""

    def label(self, several_notebooks: bool) -> str:
        """Return the part's column name: its grade id, after its notebook's if there are several."""
        return f"{self.notebook}:{self.grade_id}" if several_notebooks else self.grade_id


@dataclass
class ReportRow:
    """One participant's line in grades.csv (scores in points; None where there is none)."""

    participant: str
    status: str
    score: float | None = None
    max_score: float | None = None
    parts: dict[tuple[str, str], float | None] = field(default_factory=dict)
    reason: str = ""
    language: str = ""
    """The language of the edition graded ("en", "fr"); empty when nothing was graded."""


def graded_parts(assignment_source: Path) -> list[Part]:
    """Return the graded parts of the assignment in ``assignment_source``, in notebook order."""
    parts = []
    for path in sorted(assignment_source.glob("*.ipynb")):
        for cell in nbformat.read(path, as_version=4).cells:
            grading = cell.metadata.get("nbgrader", {})
            if grading.get("grade"):
                parts.append(Part(path.stem, grading["grade_id"], float(grading.get("points", 0)),
                                  bool(grading.get("solution"))))
    return parts


def write_grades_csv(path: Path, rows: list[ReportRow], parts: list[Part]) -> None:
    """Write ``rows`` as CSV, UTF-8 with a byte-order mark so that Excel shows accents right."""
    several = len({part.notebook for part in parts}) > 1
    with open(path, "w", encoding="utf-8-sig", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["id", "language", "score", "max_score", *(p.label(several) for p in parts),
                         "status", "reason"])
        for row in rows:
            writer.writerow([
                row.participant, row.language, _number(row.score), _number(row.max_score),
                *(_number(row.parts.get((p.notebook, p.grade_id))) for p in parts),
                row.status, row.reason,
            ])


def read_grades_csv(path: Path) -> list[dict[str, str]]:
    """Return grades.csv's rows as dictionaries keyed by column name."""
    with open(path, encoding="utf-8-sig", newline="") as stream:
        return list(csv.DictReader(stream))


def part_success(rows: list[ReportRow], parts: list[Part]) -> dict[tuple[str, str], tuple[int, int]]:
    """Return, for each part, (participants with full points, participants graded on it)."""
    success = {}
    for part in parts:
        key = (part.notebook, part.grade_id)
        scored = [row.parts.get(key) for row in rows if row.parts.get(key) is not None]
        success[key] = (sum(score >= part.max_score for score in scored), len(scored))
    return success


def draw_summary(path: Path, rows: list[ReportRow], parts: list[Part]) -> None:
    """Draw the score distribution and each part's success share into ``path`` (PNG)."""
    several = len({part.notebook for part in parts}) > 1
    scored = [row for row in rows if row.score is not None]
    max_score = max((row.max_score or 0 for row in scored), default=sum(p.max_score for p in parts))
    # A Figure of its own, outside pyplot: nothing global to switch or to close afterwards.
    figure = Figure(figsize=(11, max(4, 0.45 * len(parts) + 2)))
    left, right = figure.subplots(1, 2)
    counts = {status: sum(row.status == status for row in rows)
              for status in (GRADED, NEEDS_MANUAL_GRADING, NOT_GRADED)}
    figure.suptitle(t("grading.summary_headline", total=len(rows), graded=counts[GRADED],
                      manual=counts[NEEDS_MANUAL_GRADING], not_graded=counts[NOT_GRADED]))
    if scored:
        bins = [edge - 0.5 for edge in range(int(max_score) + 2)]
        left.hist([row.score for row in scored], bins=bins, color="#3b7dd8", edgecolor="white")
    else:
        left.text(0.5, 0.5, t("grading.summary_nobody"), ha="center", va="center", transform=left.transAxes)
    left.set_title(t("grading.summary_scores_title"))
    left.set_xlabel(t("grading.summary_scores_axis", max_score=format_number(max_score, 2, trim=True)))
    left.set_ylabel(t("grading.summary_participants"))
    left.yaxis.get_major_locator().set_params(integer=True)
    success = part_success(rows, parts)
    labels, shares, notes = [], [], []
    for part in parts:
        right_count, graded = success[(part.notebook, part.grade_id)]
        label = part.label(several)
        labels.append(t("grading.summary_written_part", part=label) if part.written else label)
        shares.append(100 * right_count / graded if graded else 0)
        notes.append(f"{right_count}/{graded}")
    positions = range(len(parts))
    right.barh(list(positions), shares, color="#e08a2c")
    right.set_yticks(list(positions), labels)
    right.invert_yaxis()
    right.set_xlim(0, 110)
    right.set_xlabel(t("grading.summary_share_axis"))
    right.set_title(t("grading.summary_parts_title"))
    for position, share, note in zip(positions, shares, notes, strict=True):
        right.text(share + 1, position, note, va="center", fontsize=9)
    figure.tight_layout()
    figure.savefig(path, dpi=100)


def _number(value: float | None) -> str:
    # A cell of grades.csv is data for a spreadsheet, not text for a reader: always "1.5", never
    # grouped, whatever the feedback's language (the summary's axis uses i18n.format_number).
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else f"{value:g}"
