"""A participant opens the welcome lesson in Voila, answers quizzes, switches language."""

import json

import pytest

from asm_workshop.reading import DOCUMENTS
from browser_helpers import TIMEOUT, render

pytestmark = [pytest.mark.slow, pytest.mark.browser]


@pytest.fixture
def welcome(voila_server, browser):
    _, served = voila_server
    for saved in (served / "answers").glob("*.json") if (served / "answers").exists() else []:
        saved.unlink()
    page = browser.new_page()
    render(page, voila_server, "00_welcome.ipynb")
    page.get_by_text("Which mineral do the Benin NGOs").wait_for(timeout=TIMEOUT)
    yield page, served / "answers"
    page.close()


def saved(answers, key):
    return json.loads((answers / f"{key}.json").read_text())["value"]


def test_answering_the_quiz_shows_feedback_and_saves_the_answer(welcome):
    page, answers = welcome
    page.get_by_label("Coltan").check()
    page.get_by_text("Not quite. Try again.").wait_for()
    page.get_by_label("Sand and gravel").check()
    page.get_by_text("Correct. Benin's case in this workshop").wait_for()
    assert saved(answers, "welcome.practice") == ["sand"]


def test_ticking_several_choices_saves_each_one(welcome):
    page, answers = welcome
    page.get_by_label("The notebook", exact=True).check()
    page.get_by_text("Partly right: 1 of 2 correct choices, and 0 wrong.").wait_for()
    page.get_by_label("The answers folder beside it").check()
    page.get_by_text("Correct. Widget answers are graded").wait_for()
    assert saved(answers, "welcome.answers_folder") == ["notebook", "answers"]


def test_switching_to_french_relabels_the_quizzes_on_the_page(welcome):
    page, _ = welcome
    page.get_by_label("Day 1", exact=True).check()
    page.get_by_text("Not quite. Try again.").wait_for()
    page.get_by_role("button", name="Français").click()
    page.get_by_text("Pas tout à fait. Essayez encore.").wait_for()
    assert page.get_by_text("Choisissez une réponse.").count() >= 2
    page.get_by_role("button", name="English").click()


def test_the_welcome_lesson_shows_the_whole_reading_list_in_the_language_chosen(welcome):
    page, _ = welcome
    reading_list = page.locator(".asm-reading")
    reading_list.get_by_text("Recommended reading").wait_for(timeout=TIMEOUT)
    assert reading_list.locator("li[data-asm-reading]").count() == len(DOCUMENTS)
    page.get_by_role("button", name="Français").click()
    reading_list.get_by_text("Lectures recommandées").wait_for()
    assert reading_list.get_by_text("Aucune version française trouvée.").count() >= 1
    page.get_by_role("button", name="English").click()
