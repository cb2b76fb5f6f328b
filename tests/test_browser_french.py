"""A francophone participant in the room: Français on the landing page leads to the French
edition of every app, a French lesson speaks French down to its quizzes' feedback, and the
language switch of an app page keeps the participant and their answers."""

import json
import re

import pytest

from asm_workshop.curriculum import lessons, tools
from asm_workshop.present import notebook_title
from asm_workshop.translation import translation_path

pytestmark = [pytest.mark.slow, pytest.mark.browser]
TIMEOUT = 90_000
PARTICIPANT = "Aïcha Ouedraogo"
CODE = "aïcha-ouedraogo"


def test_francais_on_the_landing_page_links_every_app_to_its_french_edition(voila_server, browser):
    base, served = voila_server
    page = browser.new_page()
    page.goto(f"{base}/", timeout=TIMEOUT)
    page.get_by_role("button", name="Français").click()
    links = page.locator("a.asm-app-link:visible")
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert len(hrefs) == len(lessons()) + len(tools())
    assert all(href.split("?")[0].endswith(".fr.ipynb") for href in hrefs), hrefs
    french_titles = {notebook_title(translation_path(p)) for p in lessons() + tools()}
    assert {links.nth(i).inner_text() for i in range(links.count())} == french_titles
    page.get_by_role("button", name="English").click()
    assert all(not href.endswith(".fr.ipynb") for href in
               (page.locator("a.asm-app-link:visible").nth(i).get_attribute("href") for i in range(3)))
    page.close()


def test_a_french_lesson_speaks_french_and_its_switch_keeps_the_answers(voila_server, browser):
    base, served = voila_server
    saved = served / "day1" / "answers" / "participants" / CODE / "day1_1.kind_of_asm.json"
    saved.unlink(missing_ok=True)
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{base}/", timeout=TIMEOUT)
    page.get_by_role("button", name="Français").click()
    page.locator("#asm-participant-code").fill(PARTICIPANT)
    page.locator("#asm-participant-save").click()
    french_lesson = translation_path(lessons()[1])  # 1.1, the first lesson of Day 1
    page.locator("a.asm-app-link:visible", has_text=notebook_title(french_lesson)).click()
    page.get_by_text("Après deux mauvaises récoltes").wait_for(timeout=TIMEOUT)
    assert page.url.split("?")[0].endswith("1-1_what_is_asm.fr.ipynb")
    page.get_by_label("Poussée par un choc").check()
    page.get_by_text("Bonne réponse.").first.wait_for()
    for _ in range(100):
        if saved.exists():
            break
        page.wait_for_timeout(100)
    assert json.loads(saved.read_text(encoding="utf-8"))["value"] == ["shock_push"]
    # The same lesson in English, for the same participant: the answer is there.
    page.locator(".asm-app-language a[hreflang='en']").click()
    page.get_by_text("After two failed harvests").wait_for(timeout=TIMEOUT)
    assert re.search(r"1-1_what_is_asm\.ipynb\?participant=", page.url)
    assert page.get_by_label("Shock-push").is_checked()
    page.get_by_text("Correct.").first.wait_for()
    context.close()
