"""A participant uses two Day 3 tools in Voila: the risk matrix app and the scenario quiz of lesson 3.1."""

import json
import time

import pytest

from browser_helpers import TIMEOUT, open_app, render, saved_when

pytestmark = [pytest.mark.slow, pytest.mark.browser]

LESSON = "day3/3-1_ways_to_engage.ipynb"
QUIZ_KEY = "day3_1.scenarios"


@pytest.fixture
def risk_matrix(voila_server, browser):
    page, path = open_app(voila_server, browser, "risk_matrix", "tools.risk_matrix")
    page.get_by_text("An empty register: add the risks you see, one at a time.").wait_for(timeout=TIMEOUT)
    yield page, path
    page.close()


@pytest.fixture
def lesson(voila_server, browser):
    _, served = voila_server
    path = served / "day3" / "answers" / f"{QUIZ_KEY}.json"
    path.unlink(missing_ok=True)
    page = browser.new_page()
    render(page, voila_server, LESSON)
    heading = "Situation 5 of 8: A new ban on loading trucks at night in Mono"
    page.get_by_text(heading).wait_for(timeout=TIMEOUT)
    yield page, path
    page.close()


def test_adding_a_risk_scores_it_warns_without_miners_and_saves_it(risk_matrix):
    page, path = risk_matrix
    assert page.locator("img.asm-risks-chart").is_visible()
    page.get_by_role("button", name="Add").click()
    page.get_by_text("Give the risk a name: it is empty.").wait_for()
    time.sleep(0.5)  # time enough for a wrong save to land
    assert not path.exists(), "a risk with no name is not saved"

    page.locator(".asm-risks-risk input").fill("Effondrement de la berge à Grand-Popo")
    handle = page.locator(".asm-risks-likelihood .noUi-handle")
    handle.focus()
    for _ in range(2):
        handle.press("ArrowRight")  # 3 -> 5: a score of 5 x 3 = 15, a high risk
    page.locator(".asm-risks-likelihood .widget-readout", has_text="5").wait_for()
    page.locator(".asm-risks-monitored_by input").fill("Pêcheurs et mairie")
    page.get_by_role("button", name="Add").click()

    register = page.locator(".asm-risks-register")
    register.get_by_text("Effondrement de la berge à Grand-Popo").wait_for()
    assert register.get_by_text("High").is_visible() and register.get_by_text("15", exact=True).is_visible()
    page.get_by_text('Risk 1: "Effondrement de la berge à Grand-Popo" is a high risk, but no miner '
                     "takes part in monitoring it.").wait_for()
    assert page.get_by_text("Give the risk a name: it is empty.").count() == 0
    value = saved_when(path, lambda value: len(value) == 1)
    assert value == [{"risk": "Effondrement de la berge à Grand-Popo", "likelihood": 5, "severity": 3,
                      "mitigation": "avoid", "monitored_by": "Pêcheurs et mairie", "miners_take_part": False}]


def test_choosing_an_approach_in_the_lesson_shows_why_and_saves_it(lesson):
    page, path = lesson
    situation = page.locator(".asm-scenario-bj_night_loading_ban")
    situation.locator("label", has_text="Technical training").click()
    page.get_by_text("Not the best here. The loaders do not lack a skill").wait_for()
    saved_when(path, lambda value: value == {"bj_night_loading_ban": "technical_training"})

    situation.locator("label", has_text="Communication and sensitisation campaign").click()
    page.get_by_text("Best choice. The message is clear").wait_for()
    page.get_by_text("1 of your 1 answers match the best approach (8 situations in all).").wait_for()
    value = saved_when(path, lambda value: value == {"bj_night_loading_ban": "communication_campaign"})
    assert json.loads(path.read_text(encoding="utf-8"))["key"] == QUIZ_KEY and len(value) == 1
