"""A participant uses the two Day 1 tools in Voila: the mercury estimator and the legal status checker."""

import json
import time

import pytest

from browser_helpers import TIMEOUT, open_app, saved_when

pytestmark = [pytest.mark.slow, pytest.mark.browser]


@pytest.fixture
def estimator(voila_server, browser):
    page, path = open_app(voila_server, browser, "mercury_estimator", "tools.mercury_estimator")
    page.get_by_text("Mercury used: 25,815 kg a year").wait_for(timeout=TIMEOUT)
    yield page, path
    page.close()


@pytest.fixture
def checker(voila_server, browser):
    page, path = open_app(voila_server, browser, "legal_status_checker", "tools.legal_status_checker")
    page.get_by_text("Legal status of a site: Benin (sand and gravel)").wait_for(timeout=TIMEOUT)
    yield page, path
    page.close()


def test_typing_a_gold_output_updates_the_estimate_and_saves_it(estimator):
    page, path = estimator
    assert page.get_by_text("Published ratio for Sud-Ouest").is_visible()
    assert page.locator("img.asm-mercury-chart").is_visible()
    page.locator(".asm-mercury-gold input").fill("1000")
    page.get_by_text("Mercury used: 3,000 kg a year").wait_for()
    value = saved_when(path, lambda value: value["gold_kg_per_year"] == 1000)
    assert value["mercury_used_kg_per_year"] == 3000


def test_choosing_concentrate_amalgamation_brings_its_ratio_and_is_saved(estimator):
    page, path = estimator
    page.locator(".asm-mercury-technique select").select_option(label="Concentrate amalgamation")
    page.get_by_text("Mercury used: 8,605 kg a year").wait_for()
    assert page.locator(".asm-mercury-ratio input").input_value() == "1"
    saved_when(path, lambda value: value["technique"] == "concentrate_amalgamation")


def test_a_negative_gold_output_is_refused_next_to_the_field_and_the_answer_kept(estimator):
    page, path = estimator
    page.locator(".asm-mercury-gold input").fill("2000")
    page.get_by_text("Mercury used: 6,000 kg a year").wait_for()
    saved_when(path, lambda value: value["gold_kg_per_year"] == 2000)
    page.locator(".asm-mercury-gold input").fill("-5")
    page.get_by_text("The gold output cannot be negative (-5 kg/year).").wait_for()
    assert page.get_by_text("Mercury used: 6,000 kg a year").is_visible()
    time.sleep(0.5)  # time enough for a wrong save to land
    assert json.loads(path.read_text(encoding="utf-8"))["value"]["gold_kg_per_year"] == 2000


def test_answering_every_question_shows_the_category_and_saves_it(checker):
    page, path = checker
    # The app shows a checker per country: answer the Benin one.
    benin = page.locator(".asm-legal-status-benin")
    open_questions = "Answer the questions still open (4) to see the legal status and any red flags."
    benin.get_by_text(open_questions).wait_for(timeout=TIMEOUT)
    benin.get_by_text("last checked on 3 December 2026").wait_for()
    benin.locator(".asm-legal-permit select").select_option(label="No, none")
    benin.locator(".asm-legal-zone select").select_option(label="On a beach (sea sand)")
    benin.locator(".asm-legal-mechanised button", has_text="No").click()
    benin.locator(".asm-legal-minors_present button", has_text="No").click()
    benin.get_by_text("Legal status: Illegal").wait_for()
    benin.locator(".asm-legal-reasons").get_by_text("Decree 2008-615 of 22 October 2008").wait_for()
    value = saved_when(path, lambda value: value["category"] == "illegal")
    assert value["answers"] == {"permit": "none", "zone": "beach", "mechanised": False,
                                "minors_present": False}

    benin.locator(".asm-legal-zone select").select_option(label="In a river bed, lake or lagoon")
    benin.get_by_text("Legal status: Informal").wait_for()
    value = saved_when(path, lambda value: value["category"] == "informal")
    assert value["answers"]["zone"] == "river_bed_or_lagoon"

    # Children at work raise a red flag beside the status, and the status stays informal.
    benin.locator(".asm-legal-minors_present button", has_text="Yes").click()
    benin.locator(".asm-legal-red-flags").get_by_text("Children work on the site").wait_for()
    flagged = ["legal_status.red_flag.bj_children_at_work"]
    value = saved_when(path, lambda value: value.get("red_flags") == flagged)
    assert value["category"] == "informal"
    benin.get_by_text("Legal status: Informal").wait_for()
