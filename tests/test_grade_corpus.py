"""A class of ordinary, broken and hostile submissions, graded once in one command.

The corpus (tests/fixtures/submissions/make_corpus.py) is generated into a temporary folder
and graded once for the whole module, in parallel, with bubblewrap; each test then checks one
promise on that run: right scores, plain reasons, untouched inputs, a gradebook changed only by
the new grades, nothing written outside, nothing left running, feedback without hidden tests.
"""

import hashlib
import html
import os
import re
import shutil
import sqlite3
import time
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest
from nbgrader.api import Gradebook

from asm_workshop.grading.grade import grade_class
from asm_workshop.grading.gradebook_merge import gradebook_url
from asm_workshop.grading.isolation import Limits
from asm_workshop.grading.report import read_grades_csv
from conftest import ROOT
from grading_helpers import load_corpus

pytestmark = pytest.mark.slow




corpus = load_corpus()
NEW_ROWS_ALLOWED = {"student", "submitted_assignment", "submitted_notebook", "grade", "comment"}


def file_hashes(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and not p.is_symlink()}


def gradebook_dump(path: Path) -> dict[str, set]:
    with sqlite3.connect(path) as database:
        tables = [name for (name,) in database.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        dump = {table: set(database.execute(f'SELECT * FROM "{table}"')) for table in tables}
        dump["sqlite_master"] = set(database.execute("SELECT type, name, sql FROM sqlite_master"))
    return dump


def processes_with(needle: bytes = b"", working_under: Path | None = None) -> list[int]:
    found = []
    for name in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{name}/cmdline", "rb") as stream:
                if needle and needle in stream.read():
                    found.append(int(name))
            if working_under and Path(os.readlink(f"/proc/{name}/cwd")).is_relative_to(working_under):
                found.append(int(name))
        except OSError:
            pass
    return found


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """Grade the corpus once; return what the tests look at, with snapshots from before."""
    base = tmp_path_factory.mktemp("corpus")
    checkout = base / "checkout"
    shutil.copytree(ROOT / "solutions", checkout / "solutions")
    out = base / "out"
    marker = f"asm-hostile-leftover-{os.getpid()}-{time.monotonic_ns()}"
    targets = corpus.Targets(base / "forbidden", out / "gradebook.db", checkout / "solutions",
                             leftover_marker=marker)
    cases = corpus.make_corpus(base / "submissions", targets)
    # A participant graded earlier, with a grade a person gave: it must come through untouched.
    earlier = base / "earlier"
    corpus.complete(earlier / "earlier_participant", targets)
    grade_class("welcome", earlier, out, root=checkout, jobs=1, sandbox="bwrap", work=base)
    with Gradebook(gradebook_url(out / "gradebook.db")) as book:
        book.find_grade("why_engage_answer", "welcome", "welcome", "earlier_participant").manual_score = 1.5
        book.db.commit()
    before = {
        "submissions": file_hashes(base / "submissions"),
        "solutions": file_hashes(checkout / "solutions"),
        "gradebook": gradebook_dump(out / "gradebook.db"),
        "forbidden": file_hashes(base / "forbidden"),
    }
    started = time.monotonic()
    result = grade_class("welcome", base / "submissions", out, root=checkout, jobs=2,
                         limits=Limits(submission_seconds=90, cell_seconds=10), sandbox="bwrap", work=base)
    rows = {row["id"]: row for row in read_grades_csv(out / "grades.csv")}
    return {"base": base, "out": out, "cases": cases, "before": before, "result": result, "marker": marker,
            "seconds": time.monotonic() - started, "rows": rows}


def test_the_corpus_is_a_class_of_30_or_more_with_10_or_more_broken_or_hostile(graded):
    cases = graded["cases"].values()
    assert len(cases) >= 30 and sum(case.hostile for case in cases) >= 10
    assert {case.form for case in cases} == {"folder", "zip_top", "zip_folder"}


@pytest.mark.parametrize("name", [case.name for case in corpus.CASES])
def test_each_submission_gets_its_expected_grade_or_a_plain_reason(graded, name):
    expected, row = graded["cases"][name].expected, graded["rows"][name]
    assert row["status"] == expected.status, row
    for part, points in expected.parts.items():
        assert float(row[part]) == points, (part, row)
    if expected.status == "not graded":
        assert row["score"] == "" and expected.reason in row["reason"].lower(), row
    if expected.status == "needs manual grading":
        assert "why_engage_answer" in row["reason"] and row["why_engage_answer"] == ""


def test_the_run_finishes_with_one_row_per_submission_and_the_earlier_one(graded):
    assert set(graded["rows"]) == set(graded["cases"]) | {"earlier_participant"}
    assert graded["seconds"] < 600  # 38 submissions, two at a time, several of them stopped by limits


def test_the_submissions_folder_is_byte_for_byte_unchanged(graded):
    assert file_hashes(graded["base"] / "submissions") == graded["before"]["submissions"]


def test_solutions_are_byte_for_byte_unchanged(graded):
    assert file_hashes(graded["base"] / "checkout" / "solutions") == graded["before"]["solutions"]


def test_the_gradebook_changed_only_by_the_new_grades(graded):
    before, after = graded["before"]["gradebook"], gradebook_dump(graded["out"] / "gradebook.db")
    assert after["sqlite_master"] == before["sqlite_master"]  # no trigger, table or view added
    for table in before:
        if table in NEW_ROWS_ALLOWED:
            assert before[table] <= after[table], table  # earlier rows, manual grade included, intact
        else:
            assert after[table] == before[table], table
    new_students = {row[0] for row in after["student"] - before["student"]}
    graded_names = {name for name, row in graded["rows"].items() if row["status"] != "not graded"}
    assert new_students == graded_names - {"earlier_participant"}
    with Gradebook(gradebook_url(graded["out"] / "gradebook.db")) as book:
        manual = [(g.student.id, g.manual_score) for s in book.find_assignment("welcome").submissions
                  for n in s.notebooks for g in n.grades if g.manual_score is not None]
    assert manual == [("earlier_participant", 1.5)]  # opens_gradebook gave itself nothing


def test_nothing_was_written_outside_the_submissions_own_folders(graded):
    assert file_hashes(graded["base"] / "forbidden") == graded["before"]["forbidden"]
    solutions = graded["base"] / "checkout" / "solutions"
    assert not list(solutions.rglob("written_by_*"))


def test_nothing_is_left_running(graded):
    assert processes_with(graded["marker"].encode()) == []
    assert processes_with(working_under=graded["base"]) == []


def test_huge_output_is_cut_to_a_size_a_trainer_can_open(graded):
    notebook = graded["out"] / "autograded" / "huge_output" / "welcome" / "welcome.ipynb"
    assert notebook.stat().st_size < 1_000_000


class _Resources(HTMLParser):
    """Collects every address a page would load: scripts, links, pictures, fonts in styles."""

    def __init__(self):
        super().__init__()
        self.loaded, self.style = [], ""

    def handle_starttag(self, tag, attributes):
        attributes = dict(attributes)
        if tag == "script":
            self.loaded.append(attributes.get("src") or "inline script")
        for attribute in ("src", "href") if tag in ("link", "img", "iframe", "embed", "object") else ():
            if attributes.get(attribute) and not attributes[attribute].startswith("data:"):
                self.loaded.append(attributes[attribute])

    def handle_data(self, data):
        if self.lasttag == "style":
            self.style += data


def hidden_test_lines() -> list[str]:
    """Lines of the hidden tests, the model answer and the mark scheme: participants never see them."""
    notebook = nbformat.read(ROOT / "solutions" / "welcome" / "welcome.ipynb", as_version=4)
    hidden = []
    for cell in notebook.cells:
        hidden += re.findall(r"### BEGIN HIDDEN TESTS\n(.*?)### END HIDDEN TESTS", cell.source, re.S)
        hidden += re.findall(r"### BEGIN SOLUTION\n(.*?)### END SOLUTION", cell.source, re.S)
    lines = [line.strip() for block in hidden for line in block.splitlines() if len(line.strip()) > 12]
    return [line for line in lines if line != "return mercury_kg / gold_kg"]  # what participants write


def test_feedback_pages_show_no_hidden_test_and_load_nothing(graded):
    pages = sorted((graded["out"] / "feedback").rglob("*.html"))
    assert len(pages) == len(graded["rows"])
    secrets = hidden_test_lines()
    assert any("77_624" in line for line in secrets) and any("Mark scheme" in line for line in secrets)
    for page in pages:
        text = html.unescape(page.read_text())
        assert [line for line in secrets if line in text] == [], page
        assert "BEGIN HIDDEN" not in text and "77_624" not in text and "77624" not in text, page
        resources = _Resources()
        resources.feed(page.read_text())
        assert resources.loaded == [], page
        assert not re.search(r"url\(|@import|@font-face", resources.style), page


def feedback(graded, participant: str) -> str:
    return html.unescape((graded["out"] / "feedback" / participant / "welcome" / "welcome.html").read_text())


def test_a_failed_check_is_explained_with_its_visible_message_or_in_general_words(graded):
    # Upside down fails the visible check, whose message is the participant's to see.
    visible = "The check says: 30 kg of mercury for 20 kg of gold should give 1.5"
    assert visible in feedback(graded, "upside_down_ratio")
    # Always 1.5 passes the visible check and fails a hidden one, which stays unnamed.
    assert "A check did not pass" in feedback(graded, "duplicated_graded_cell")
    not_graded = feedback(graded, "os_exit")
    assert "could not be graded" in not_graded and "stopped Python" in not_graded


def test_the_output_folder_is_a_course_the_formgrader_can_open(graded):
    out = graded["out"]
    assert (out / "nbgrader_config.py").exists() and (out / "source" / "welcome" / "welcome.ipynb").exists()
    assert (out / "autograded" / "complete" / "welcome" / "welcome.ipynb").exists()
    assert (out / "summary.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
