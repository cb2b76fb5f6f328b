"""A participant uses two Day 2 tools in Voila: the formalisation calculator, the rehabilitation planner."""

import json
import time

import pytest

from browser_helpers import TIMEOUT, open_app, saved_when

pytestmark = [pytest.mark.slow, pytest.mark.browser]


@pytest.fixture
def calculator(voila_server, browser):
    page, path = open_app(voila_server, browser, "formalisation_calculator", "tools.formalisation_calculator")
    page.get_by_text("Break-even premium: with a premium of 3,933 FCFA per gram").wait_for(timeout=TIMEOUT)
    yield page, path
    page.close()


@pytest.fixture
def planner(voila_server, browser):
    page, path = open_app(voila_server, browser, "rehabilitation_planner", "tools.rehabilitation_planner")
    page.get_by_text("0 of 11 tasks have a step.").wait_for(timeout=TIMEOUT)
    yield page, path
    page.close()


def test_typing_a_gold_output_updates_both_incomes_and_the_break_even_and_saves(calculator):
    page, path = calculator
    assert page.locator("img.asm-formalisation-chart").is_visible()
    page.locator(".asm-formalisation-gold_grams_per_year input").fill("600")
    page.locator(".asm-formalisation-gold_grams_per_year input").press("Enter")
    page.get_by_text("Formal work pays 1,360,000 FCFA less a year.").wait_for()
    page.get_by_text("Break-even premium: with a premium of 2,267 FCFA per gram").wait_for()
    value = saved_when(path, lambda value: value["inputs"]["gold_grams_per_year"] == 600)
    assert value["informal_fcfa_per_year"] == pytest.approx(27_360_000)
    assert value["break_even_premium_fcfa_per_gram"] == pytest.approx(600 + 1_000_000 / 600)


def test_the_fairmined_button_sets_the_premium_and_finds_the_break_even_output(calculator):
    page, path = calculator
    page.locator(".asm-formalisation-exchange-rate input").fill("600")
    page.locator(".asm-formalisation-exchange-rate input").press("Enter")
    page.get_by_role("button", name="Fairmined premium").click()
    page.get_by_text("Break-even output: from 556 g of gold sold a year").wait_for()
    assert page.locator(".asm-formalisation-premium_fcfa_per_gram input").input_value() == "2400"
    value = saved_when(path, lambda value: value["inputs"]["premium_fcfa_per_gram"] == 2400)
    assert value["break_even_output_grams_per_year"] == pytest.approx(1_000_000 / 1_800)


def test_a_tax_above_100_percent_is_refused_beside_the_field_and_the_answer_kept(calculator):
    page, path = calculator
    page.locator(".asm-formalisation-gold_grams_per_year input").fill("400")
    page.locator(".asm-formalisation-gold_grams_per_year input").press("Enter")
    saved_when(path, lambda value: value["inputs"]["gold_grams_per_year"] == 400)
    page.locator(".asm-formalisation-tax_share input").fill("150")
    page.locator(".asm-formalisation-tax_share input").press("Enter")
    page.get_by_text("Taxes and royalties must be from 0 % to 100 %, not 150.0 %.").wait_for()
    page.get_by_text("Not saved: fix the field marked in red.").wait_for()
    assert page.get_by_text("Break-even premium: with a premium of 3,100 FCFA per gram").is_visible()
    time.sleep(0.5)  # time enough for a wrong save to land
    assert json.loads(path.read_text(encoding="utf-8"))["value"]["inputs"]["tax_share"] == 0.1


def test_giving_tasks_steps_flags_the_one_out_of_order_and_saves_the_steps(planner):
    page, path = planner
    page.locator(".asm-rehabilitation-task-hand_over_for_signoff select").select_option(label="6. Handover")
    page.locator(".asm-rehabilitation-task-collect_native_seed select").select_option(
        label="4. Biological Rehabilitation")
    page.get_by_text('Out of order: "Collect seed of the local native plants" (step 4').wait_for()
    value = saved_when(path, lambda value: value["steps"]["collect_native_seed"] is not None)
    assert value["steps"]["hand_over_for_signoff"] == "handover"
    assert value["steps"]["collect_native_seed"] == "biological_rehabilitation"

    page.locator(".asm-rehabilitation-task-collect_native_seed button").first.click()
    page.get_by_text("Out of order").wait_for(state="detached")
    value = saved_when(path, lambda value: list(value["steps"])[0] == "collect_native_seed")
    assert list(value["steps"])[1] == "hand_over_for_signoff"


def test_scoring_a_site_shows_its_cost_and_topsoil_and_saves_the_scores(planner):
    page, path = planner
    page.locator(".asm-rehabilitation-site select").select_option("RH-BF-07")
    page.get_by_text("No topsoil stored: without it, plants will struggle to grow back.").wait_for()
    assert page.get_by_text("FCFA per hectare.").first.is_visible()
    handle = page.locator(".asm-rehabilitation-affordable .noUi-handle")
    handle.focus()
    for _ in range(3):
        handle.press("ArrowRight")
    page.get_by_text("work first on Socially acceptable, Ecologically viable").wait_for()
    value = saved_when(path, lambda value: value["scores"]["affordable"] == 3)
    assert value["site"] == "RH-BF-07" and value["scores"]["viable"] == 0
