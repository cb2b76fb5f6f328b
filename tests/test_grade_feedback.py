"""Feedback pages: what participants see of their grading, never the hidden tests, loading nothing."""

import base64
import html
import re
from html.parser import HTMLParser

import nbformat
import pytest

from asm_workshop import i18n
from asm_workshop.grading.feedback import feedback_page, not_graded_page
from asm_workshop.grading.gradebook_merge import ParticipantScores, PartScore
from conftest import ROOT

HIDDEN = "assert abs(float(mercury_to_gold_ratio(77_624, 49_581)) - 1.5656) < 1e-3"
MARK_SCHEME = "Mark scheme (2 points)"


def cell(notebook, grade_id):
    return next(c for c in notebook.cells if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)


def stream(text):
    return nbformat.v4.new_output("stream", name="stdout", text=text)


def error(name, message):
    return nbformat.v4.new_output("error", ename=name, evalue=message, traceback=[f"{name}: {message}"])


@pytest.fixture
def graded_notebook(tmp_path):
    """A notebook as nbgrader leaves it: the participant's cells, test cells with hidden tests, outputs."""
    notebook = nbformat.read(ROOT / "exercises" / "welcome" / "welcome.ipynb", as_version=4)
    solutions = nbformat.read(ROOT / "solutions" / "welcome" / "welcome.ipynb", as_version=4)
    for grade_id in ("ratio_tests", "training_tests"):
        cell(notebook, grade_id).source = cell(solutions, grade_id).source  # as OverwriteCells puts them back
    answer = cell(notebook, "ratio_answer")
    answer.source = "def mercury_to_gold_ratio(mercury_kg, gold_kg):\n    return 1.5"
    answer.outputs = [stream("ratio ready\n"), stream(f"peeked: {HIDDEN}\n")]
    cell(notebook, "ratio_tests").outputs = [stream(cell(solutions, "ratio_tests").source),
                                             error("AssertionError", "")]
    # Encoded, so that no filter on the text could recognise it: only its place keeps it out.
    encoded = base64.b64encode(HIDDEN.encode()).decode()
    cell(notebook, "training_widget").outputs = [stream(f"after the hidden tests: {encoded}\n")]
    cell(notebook, "training_tests").outputs = [error("ValueError", f"smuggled {HIDDEN}")]
    cell(notebook, "why_engage_answer").source = (
        "Travailler avec les orpailleurs. <script src='http://example.org/x.js'></script>\n\n"
        "![carte](http://example.org/map.png)"
    )
    path = tmp_path / "welcome.ipynb"
    nbformat.write(notebook, path)
    return path


def scores(**overrides):
    parts = {
        ("welcome", "ratio_tests"): PartScore("welcome", "ratio_tests", 0, 2, False),
        ("welcome", "training_tests"): PartScore("welcome", "training_tests", 0, 2, False),
        ("welcome", "why_engage_answer"): PartScore("welcome", "why_engage_answer", 0, 2, True),
    }
    parts.update(overrides)
    return ParticipantScores("Aïcha", sum(p.score for p in parts.values()), 6, parts)


def page_for(graded_notebook, **overrides):
    released = ROOT / "exercises" / "welcome" / "welcome.ipynb"
    return feedback_page(graded_notebook, released, scores(**overrides), assignment="welcome")


def test_no_hidden_test_nor_mark_scheme_reaches_the_page(graded_notebook):
    text = html.unescape(page_for(graded_notebook))
    assert "77_624" not in text and "BEGIN HIDDEN" not in text and MARK_SCHEME not in text
    assert "smuggled" not in text and "after the hidden tests" not in text


def test_outputs_before_the_first_hidden_test_are_shown_as_text(graded_notebook):
    text = page_for(graded_notebook)
    assert "ratio ready" in text
    assert "peeked" not in text  # it quotes a hidden test, so it is left out


def test_a_failed_check_is_explained_in_general_words_unless_its_message_is_visible(graded_notebook):
    assert "A check did not pass" in page_for(graded_notebook)
    notebook = nbformat.read(graded_notebook, as_version=4)
    visible = "30 kg of mercury for 20 kg of gold should give 1.5 (0.67 means the division is upside down)"
    cell(notebook, "ratio_tests").outputs = [error("AssertionError", visible)]
    nbformat.write(notebook, graded_notebook)
    assert f"The check says: {visible}" in page_for(graded_notebook)


class Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attributes):
        self.tags.append((tag, dict(attributes)))


def test_the_page_loads_nothing_and_runs_no_script(graded_notebook):
    text = page_for(graded_notebook)
    parser = Tags()
    parser.feed(text)
    assert {tag for tag, _ in parser.tags} & {"script", "link", "img", "iframe", "object", "embed"} == set()
    assert [a for _, attributes in parser.tags for a in attributes if a in ("src", "srcset", "style")] == []
    assert not re.search(r"url\(|@import|@font-face", text)
    assert "&lt;script" in text and "[carte]" in text  # shown as text; the picture by its description


def test_manual_grades_and_the_trainers_comment_are_shown(graded_notebook):
    manual = PartScore("welcome", "why_engage_answer", 1.5, 2, False, True, "Bon exemple, précisez le coût.")
    assert "Your trainer will grade this answer" in html.unescape(page_for(graded_notebook))
    text = html.unescape(feedback_page(
        graded_notebook, ROOT / "exercises" / "welcome" / "welcome.ipynb",
        ParticipantScores("Aïcha", 1.5, 6, {**scores().parts, ("welcome", "why_engage_answer"): manual}),
        assignment="welcome",
    ))
    assert "Graded by your trainer: 1.5 out of 2 points." in text and "précisez le coût" in text


def test_pages_speak_the_chosen_language(graded_notebook):
    i18n.set_language("fr")
    text = html.unescape(page_for(graded_notebook))
    assert '<html lang="fr">' in text and "Note provisoire : 0 sur 6" in text
    assert "Votre rendu n'a pas pu être noté : il manque le notebook." in html.unescape(
        not_graded_page("Aïcha", "welcome", "il manque le notebook."))


def test_what_a_participant_wrote_is_shown_as_text_never_as_markup(graded_notebook):
    notebook = nbformat.read(graded_notebook, as_version=4)
    cell(notebook, "ratio_answer").source = "ratio = 3 & 1  # <script>alert(1)</script>"
    nbformat.write(notebook, graded_notebook)
    comment = PartScore("welcome", "why_engage_answer", 1, 2, False, True, "<b>Good</b> & clear")
    page = feedback_page(graded_notebook, ROOT / "exercises" / "welcome" / "welcome.ipynb",
                         ParticipantScores("Awa & <i>Co</i>", 1, 6,
                                           {**scores().parts, ("welcome", "why_engage_answer"): comment}),
                         assignment="welcome")
    assert "ratio = 3 &amp; 1  # &lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "Awa &amp; &lt;i&gt;Co&lt;/i&gt;" in page and "&lt;b&gt;Good&lt;/b&gt; &amp; clear" in page
    assert "<script" not in page and "<i>" not in page and "<b>" not in page
    refused = not_graded_page("Awa & <i>Co</i>", "welcome", "<script>alert(1)</script> & more")
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in refused and "<script" not in refused


def test_half_points_are_written_as_the_participant_reads_numbers(graded_notebook):
    released = ROOT / "exercises" / "welcome" / "welcome.ipynb"
    half = scores()
    half.parts[("welcome", "why_engage_answer")] = PartScore("welcome", "why_engage_answer", 1.5, 2, False,
                                                             graded_by_person=True)
    english = html.unescape(feedback_page(graded_notebook, released, half, assignment="welcome"))
    assert "Graded by your trainer: 1.5 out of 2 points." in english
    i18n.set_language("fr")
    french = html.unescape(feedback_page(graded_notebook, released, half, assignment="welcome"))
    assert "Noté par votre formateur : 1,5 points sur 2." in french
