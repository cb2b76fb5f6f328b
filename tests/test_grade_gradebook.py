"""The real gradebook: manual grades survive re-runs, other versions and tampering are refused."""

import shutil
import sqlite3

import nbformat
import pytest
from nbgrader.api import Gradebook

from asm_workshop.cli import main
from asm_workshop.grading.gradebook_merge import (
    GradebookMismatch,
    GradebookTampered,
    check_schema,
    gradebook_schema,
    gradebook_url,
)
from asm_workshop.grading.report import read_grades_csv
from conftest import ROOT
from grading_helpers import load_corpus

corpus = load_corpus()


def test_help_says_where_the_gradebook_is_and_that_manual_grades_are_kept(capsys):
    with pytest.raises(SystemExit):
        main(["grade", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "OUT/gradebook.db" in text and "keeps manual grades" in text and "never modified" in text


def test_a_trigger_planted_in_the_gradebook_is_caught(tmp_path):
    gradebook = tmp_path / "gradebook.db"
    with sqlite3.connect(gradebook) as database:
        database.execute("CREATE TABLE grade (manual_score REAL)")
    schema = gradebook_schema(gradebook)
    check_schema(gradebook, schema)
    with sqlite3.connect(gradebook) as database:
        database.execute("CREATE TRIGGER full_marks AFTER INSERT ON grade "
                         "BEGIN UPDATE grade SET manual_score = 100; END")
    with pytest.raises(GradebookTampered, match="full_marks"):
        check_schema(gradebook, schema)


@pytest.fixture
def checkout(tmp_path):
    shutil.copytree(ROOT / "solutions", tmp_path / "checkout" / "solutions")
    return tmp_path / "checkout"


def targets_in(tmp_path, checkout):
    return corpus.Targets(tmp_path / "forbidden", tmp_path / "out" / "gradebook.db", checkout / "solutions")


def grade(checkout, submissions, out):
    arguments = ["grade", "welcome", str(submissions), "--out", str(out), "--root", str(checkout),
                 "--jobs", "2", "--sandbox", "bwrap", "--cell-timeout", "60"]
    assert main(arguments) == 0
    return {row["id"]: row for row in read_grades_csv(out / "grades.csv")}


@pytest.mark.slow
def test_running_again_keeps_manual_grades_and_asks_for_review_only_if_the_submission_changed(
    checkout, tmp_path
):
    targets = targets_in(tmp_path, checkout)
    submissions, out = tmp_path / "submissions", tmp_path / "out"
    corpus.complete(submissions / "awa", targets)
    corpus.quiz_only(submissions / "bintou", targets)
    rows = grade(checkout, submissions, out)
    assert (rows["awa"]["status"], rows["awa"]["score"]) == ("needs manual grading", "4")
    # What the formgrader does when the trainer grades the written answer.
    with Gradebook(gradebook_url(out / "gradebook.db")) as book:
        book.find_grade("why_engage_answer", "welcome", "welcome", "awa").manual_score = 2
        book.find_comment("why_engage_answer", "welcome", "welcome", "awa").manual_comment = "Bon exemple."
        book.db.commit()

    rows = grade(checkout, submissions, out)
    awa = rows["awa"]
    assert (awa["status"], awa["score"], awa["why_engage_answer"]) == ("graded", "6", "2")
    assert (rows["bintou"]["status"], rows["bintou"]["score"]) == ("graded", "2")
    page = (out / "feedback" / "awa" / "welcome" / "welcome.html").read_text()
    assert "Graded by your trainer: 2 out of 2 points." in page and "Bon exemple." in page

    notebook = nbformat.read(submissions / "awa" / "welcome.ipynb", as_version=4)
    notebook.cells[-1].source += "\n\nJ'ajoute un exemple du Bénin."
    nbformat.write(notebook, submissions / "awa" / "welcome.ipynb")
    rows = grade(checkout, submissions, out)
    awa = rows["awa"]
    assert (awa["status"], awa["score"], awa["why_engage_answer"]) == ("needs manual grading", "6", "2")
    assert "review" in awa["reason"]


@pytest.mark.slow
def test_a_gradebook_of_another_version_of_the_assignment_is_refused(checkout, tmp_path, capsys):
    targets = targets_in(tmp_path, checkout)
    corpus.ratio_only(tmp_path / "submissions" / "awa", targets)
    grade(checkout, tmp_path / "submissions", tmp_path / "out")
    source = checkout / "solutions" / "welcome" / "welcome.ipynb"
    notebook = nbformat.read(source, as_version=4)
    next(c for c in notebook.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "ratio_tests") \
        .metadata.nbgrader["points"] = 3
    nbformat.write(notebook, source)
    before = (tmp_path / "out" / "gradebook.db").read_bytes()
    arguments = ["grade", "welcome", str(tmp_path / "submissions"), "--out", str(tmp_path / "out"),
                 "--root", str(checkout), "--sandbox", "bwrap"]
    assert main(arguments) == 2
    assert "another version of 'welcome'" in capsys.readouterr().err
    assert (tmp_path / "out" / "gradebook.db").read_bytes() == before
    assert issubclass(GradebookMismatch, RuntimeError)
