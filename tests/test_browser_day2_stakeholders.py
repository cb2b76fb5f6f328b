"""A participant uses the Day 2 stakeholder tools in Voila: the power/interest grid and the
influence map. What they type, click and move reaches the kernel, is drawn and is saved."""

import json
import time

import pytest
from playwright.sync_api import expect

from browser_helpers import TIMEOUT, open_app, saved_when

pytestmark = [pytest.mark.slow, pytest.mark.browser]


def row(page, name):
    """The table row of one stakeholder."""
    return page.locator(".asm-grid-table tr", has_text=name)


@pytest.fixture
def grid(voila_server, browser):
    page, path = open_app(voila_server, browser, "stakeholder_grid", "tools.stakeholder_grid")
    page.get_by_text("Stakeholder grid: power and interest").wait_for(timeout=TIMEOUT)
    row(page, "Mairie de Houéyogbé").wait_for(timeout=TIMEOUT)
    yield page, path
    page.close()


@pytest.fixture
def influence(voila_server, browser):
    page, path = open_app(voila_server, browser, "influence_map", "tools.influence_map")
    page.get_by_text("Influence map (Net-Map)").wait_for(timeout=TIMEOUT)
    page.get_by_text("Most connected: Chefs de carrière").wait_for(timeout=TIMEOUT)
    yield page, path
    page.close()


def test_adding_a_stakeholder_and_moving_a_slider_updates_the_table_and_saves(grid):
    page, path = grid
    chart = page.locator(".asm-grid-chart img, img.asm-grid-chart").first
    drawn = chart.get_attribute("src")
    page.locator(".asm-grid-new-name input").fill("Mairie de Lokossa")
    page.get_by_role("button", name="Add").click()
    row(page, "Mairie de Lokossa").wait_for()
    assert "Manage closely" in row(page, "Mairie de Lokossa").inner_text()
    saved_when(path, lambda value: value[-1] == {"name": "Mairie de Lokossa", "power": 5, "interest": 5,
                                                 "stance": "neutral"})
    # Six keyboard steps of 0.5 down the Power slider, as a participant without a mouse moves it.
    handle = page.locator(".asm-grid-power .noUi-handle")
    handle.focus()
    for _ in range(6):
        handle.press("ArrowLeft")
    value = saved_when(path, lambda value: value[-1]["power"] == 2)
    expect(row(page, "Mairie de Lokossa")).to_contain_text("Keep informed")
    assert value[-1] == {"name": "Mairie de Lokossa", "power": 2, "interest": 5, "stance": "neutral"}
    assert chart.get_attribute("src") != drawn, "the grid was redrawn"


def test_an_accented_duplicate_is_refused_next_to_the_name_and_nothing_is_lost(grid):
    page, path = grid
    page.locator(".asm-grid-new-name input").fill("Mairie de Lokossa")
    page.get_by_role("button", name="Add").click()
    saved = saved_when(path, lambda value: value[-1]["name"] == "Mairie de Lokossa")
    page.locator(".asm-grid-new-name input").fill(" mairie de HOUÉYOGBÉ ")
    page.get_by_role("button", name="Add").click()
    page.get_by_text("is already on the list (as \"Mairie de Houéyogbé\")").wait_for()
    assert page.locator(".asm-grid-new-name input").input_value() == " mairie de HOUÉYOGBÉ "
    time.sleep(0.5)  # time enough for a wrong save to land
    assert json.loads(path.read_text(encoding="utf-8"))["value"] == saved


def test_choosing_a_stance_recolours_and_saves_it(grid):
    page, path = grid
    page.locator(".asm-grid-choice select").select_option(label="Chargeurs de camions")
    page.locator(".asm-grid-stance select").select_option(label="supportive")
    expect(row(page, "Chargeurs de camions")).to_contain_text("supportive")
    value = saved_when(path, lambda value: any(entry["name"] == "Chargeurs de camions"
                                               and entry["stance"] == "supportive" for entry in value))
    assert [entry["name"] for entry in value][0] == "Préfet du Mono"


def test_adding_a_link_by_choosing_two_actors_updates_the_summary_and_saves(influence):
    page, path = influence
    page.get_by_text("Isolated (no link at all): Groupement de femmes de Comé").wait_for()
    page.locator(".asm-map-source select").select_option(label="ONG locale")
    page.locator(".asm-map-link-type select").select_option(label="support")
    page.locator(".asm-map-target select").select_option(label="Groupement de femmes de Comé")
    page.get_by_role("button", name="Add link").click()
    page.get_by_text("Isolated (no link at all): none").wait_for()
    value = saved_when(path, lambda value: {"source": "ONG locale", "target": "Groupement de femmes de Comé",
                                            "link_type": "support"} in value["links"])
    assert any(actor["name"] == "Préfet du Mono" for actor in value["actors"])


def test_a_new_actor_typed_in_is_saved_and_shown_as_isolated(influence):
    page, path = influence
    page.locator(".asm-map-new-actor input").fill("Comité de Ouagadougou")
    page.get_by_role("button", name="Add actor").click()
    page.get_by_text("Groupement de femmes de Comé, Comité de Ouagadougou").wait_for()
    saved_when(path, lambda value: value["actors"][-1] == {"name": "Comité de Ouagadougou", "influence": 5})
