"""A participant builds an engagement plan in Voila: prefill from Day 2, an activity, the budget, export."""

from __future__ import annotations

import json
import time

import pytest

from asm_workshop.answers import FORMAT
from browser_helpers import TIMEOUT, render, saved_when
from conftest import FIXTURES

pytestmark = [pytest.mark.slow, pytest.mark.browser]

PARTICIPANT = "h2-plan-builder"
GRID = FIXTURES / "answers" / "day2" / "day2.stakeholder_grid.json"


@pytest.fixture
def builder(voila_server, browser):
    """The tool app opened for one participant whose Day 2 grid is saved, with no plan saved yet."""
    _, served = voila_server
    mine = f"answers/participants/{PARTICIPANT}"
    grid = served / "day2" / mine / "day2_1.grid.json"
    grid.parent.mkdir(parents=True, exist_ok=True)
    value = json.loads(GRID.read_text(encoding="utf-8"))["value"]
    content = {"format": FORMAT, "key": "day2_1.grid", "saved_at": "2026-01-01T00:00:00+00:00",
               "value": value}
    grid.write_text(json.dumps(content, ensure_ascii=False), encoding="utf-8")
    answers = served / "tools" / mine
    (answers / "tools.engagement_plan_builder.json").unlink(missing_ok=True)
    page = browser.new_page()
    render(page, voila_server, f"tools/engagement_plan_builder.ipynb?participant={PARTICIPANT}")
    page.get_by_text("Engagement plan builder").first.wait_for(timeout=TIMEOUT)
    page.locator(".asm-plan-timeline").wait_for(timeout=TIMEOUT)
    yield page, answers
    page.close()


def _type(page, selector: str, text: str, row: int = 0) -> None:
    field = page.locator(f"{selector} input").nth(row)
    field.fill(text)
    field.press("Enter" if field.get_attribute("type") != "date" else "Tab")


def _add_activity(page, row: int, name: str, start: str, end: str, owner: str, cost: str) -> None:
    page.locator(".asm-plan-add-activity").click()
    page.locator(".asm-plan-activity").nth(row).wait_for()
    _type(page, ".asm-plan-activity-name", name, row)
    _type(page, ".asm-plan-activity-start", start, row)
    _type(page, ".asm-plan-activity-end", end, row)
    _type(page, ".asm-plan-activity-owner", owner, row)
    _type(page, ".asm-plan-activity-cost", cost, row)


def test_the_stakeholders_come_from_the_participants_day2_grid(builder):
    page, _ = builder
    first = page.locator(".asm-plan-stakeholders input").first
    first.wait_for()
    assert first.input_value() == "DEMAS"
    assert page.locator(".asm-plan-stakeholders input").nth(1).input_value() == "Comptoirs d'achat d'or"
    assert page.get_by_text("Taken from your Day 2 stakeholder grid").is_visible()


def test_adding_an_activity_changes_the_budget_saves_the_plan_and_export_offers_both_files(builder):
    page, answers = builder
    path = answers / "tools.engagement_plan_builder.json"
    _type(page, ".asm-plan-title", "Réunions à Bouroum-Bouroum")
    _type(page, ".asm-plan-period-start", "2027-01-04")
    _type(page, ".asm-plan-period-end", "2027-12-17")
    page.get_by_text("Total budget: 0 FCFA").wait_for()
    _add_activity(page, 0, "Réunion avec les orpailleurs", "2027-02-01", "2027-02-05", "Coordinatrice",
                  "150000")
    page.get_by_text("Total budget: 150,000 FCFA").wait_for()
    value = saved_when(path, lambda value: value["activities"] and value["activities"][0]["cost"] == 150_000)
    assert value["activities"][0] == {"name": "Réunion avec les orpailleurs", "start": "2027-02-01",
                                      "end": "2027-02-05", "owner": "Coordinatrice", "cost": 150_000}
    assert value["period"] == {"start": "2027-01-04", "end": "2027-12-17"}
    assert value["stakeholders"][0] == "DEMAS"

    _add_activity(page, 1, "Démonstration", "2027-03-01", "2027-03-02", "Formateur", "275000")
    page.get_by_text("Total budget: 425,000 FCFA").wait_for()

    page.locator(".asm-plan-export").click()
    links = page.locator("a.asm-plan-download")
    links.nth(1).wait_for()
    assert [links.nth(i).get_attribute("download") for i in range(2)] == [
        "reunions-a-bouroum-bouroum.html", "reunions-a-bouroum-bouroum.md"]
    assert links.first.get_attribute("href").startswith("data:text/html;charset=utf-8;base64,")
    with page.expect_download() as download:
        links.first.click()
    assert download.value.suggested_filename == "reunions-a-bouroum-bouroum.html"
    assert "Réunion avec les orpailleurs" in download.value.path().read_text(encoding="utf-8")
    assert (answers / "exports" / "reunions-a-bouroum-bouroum.md").exists()


def test_an_activity_that_ends_before_it_starts_is_refused_and_the_saved_plan_kept(builder):
    page, answers = builder
    path = answers / "tools.engagement_plan_builder.json"
    _add_activity(page, 0, "Visite", "2027-02-01", "2027-02-05", "Coordinatrice", "1000")
    saved_when(path, lambda value: value["activities"] and value["activities"][0]["cost"] == 1000)
    _type(page, ".asm-plan-activity-end", "2027-01-20")
    page.get_by_text("it ends (20 January 2027) before it starts (1 February 2027)").wait_for()
    page.get_by_text("Not saved: fix what is marked in red").wait_for()
    time.sleep(0.5)  # time enough for a wrong save to land
    assert json.loads(path.read_text(encoding="utf-8"))["value"]["activities"][0]["end"] == "2027-02-05"
