"""grades.csv and summary.png: one row per participant, and which part the room found hard."""

from matplotlib.image import imread

from asm_workshop.grading.report import (
    GRADED,
    NEEDS_MANUAL_GRADING,
    NOT_GRADED,
    Part,
    ReportRow,
    draw_summary,
    graded_parts,
    part_success,
    read_grades_csv,
    write_grades_csv,
)
from conftest import ROOT

RATIO, TRAINING = ("welcome", "ratio_tests"), ("welcome", "training_tests")
WRITTEN = ("welcome", "why_engage_answer")


def class_rows():
    return [
        ReportRow("Aïcha_Ouédraogo", GRADED, 6, 6, {RATIO: 2, TRAINING: 2, WRITTEN: 2}, language="fr"),
        ReportRow("boureima", NEEDS_MANUAL_GRADING, 2, 6, {RATIO: 0, TRAINING: 2, WRITTEN: None},
                  "Written answers to grade in the formgrader: why_engage_answer."),
        ReportRow("chantal", NOT_GRADED, reason="The notebook file is damaged: Jupyter cannot open it."),
    ]


def test_graded_parts_come_from_the_assignment_in_notebook_order():
    parts = graded_parts(ROOT / "solutions" / "welcome")
    assert [(p.grade_id, p.max_score, p.written) for p in parts] == [
        ("ratio_tests", 2.0, False), ("training_tests", 2.0, False), ("why_engage_answer", 2.0, True)]


def test_grades_csv_has_one_row_per_participant_with_parts_status_and_reason(tmp_path):
    parts = graded_parts(ROOT / "solutions" / "welcome")
    write_grades_csv(tmp_path / "grades.csv", class_rows(), parts)
    assert (tmp_path / "grades.csv").read_bytes().startswith(b"\xef\xbb\xbf")  # Excel reads the accents
    rows = read_grades_csv(tmp_path / "grades.csv")
    assert list(rows[0]) == ["id", "language", "score", "max_score", "ratio_tests", "training_tests",
                             "why_engage_answer", "status", "reason"]
    assert rows[0] == {"id": "Aïcha_Ouédraogo", "language": "fr", "score": "6", "max_score": "6",
                       "ratio_tests": "2", "training_tests": "2", "why_engage_answer": "2",
                       "status": "graded", "reason": ""}
    assert (rows[1]["why_engage_answer"], rows[1]["status"]) == ("", "needs manual grading")
    assert (rows[2]["score"], rows[2]["status"]) == ("", "not graded") and "damaged" in rows[2]["reason"]


def test_several_notebooks_name_their_parts_by_notebook():
    assert Part("part_b", "tests", 1, False).label(several_notebooks=True) == "part_b:tests"


def test_a_part_counts_only_participants_graded_on_it():
    parts = graded_parts(ROOT / "solutions" / "welcome")
    assert part_success(class_rows(), parts) == {RATIO: (1, 2), TRAINING: (2, 2), WRITTEN: (1, 1)}


def test_the_summary_is_a_picture_even_before_anyone_is_graded(tmp_path):
    parts = graded_parts(ROOT / "solutions" / "welcome")
    draw_summary(tmp_path / "summary.png", class_rows(), parts)
    draw_summary(tmp_path / "nobody.png", [ReportRow("chantal", NOT_GRADED, reason="no notebook")], parts)
    for picture in ("summary.png", "nobody.png"):
        height, width, _ = imread(tmp_path / picture).shape
        assert width > 800 and height > 300
