"""A francophone participant in the room: Français on the landing page leads to the French
edition of every app, a French lesson speaks French down to its quizzes' feedback, and the
language switch of an app page keeps the participant and their answers."""

import json
import os
import re
from pathlib import Path
from urllib.parse import urljoin

import pytest
from french_words import english_words

from asm_workshop.curriculum import lessons, tools
from asm_workshop.present import notebook_title
from asm_workshop.translation import translation_path

pytestmark = [pytest.mark.slow, pytest.mark.browser]
TIMEOUT = 90_000
PARTICIPANT = "Aïcha Ouedraogo"
CODE = "aïcha-ouedraogo"


def landing_in_french(base: str, browser, participant: str | None = None):
    """The landing page after a click on Français (and ``participant``'s name, if given), and the
    addresses of the apps it lists."""
    page = browser.new_page()
    page.goto(f"{base}/", timeout=TIMEOUT)
    page.get_by_role("button", name="Français").click()
    if participant:
        page.locator("#asm-participant-code").fill(participant)
        page.locator("#asm-participant-save").click()
        page.locator("a.asm-app-link[href*='participant=']:visible").first.wait_for(timeout=TIMEOUT)
    links = page.locator("a.asm-app-link:visible")
    return page, [links.nth(i).get_attribute("href") for i in range(links.count())]


def test_francais_on_the_landing_page_links_every_app_to_its_french_edition(voila_server, browser):
    base, served = voila_server
    page, hrefs = landing_in_french(base, browser)
    links = page.locator("a.asm-app-link:visible")
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


# The text a participant meets on a page, as they meet it: the visible text, and the names,
# placeholders and tooltips of the controls. Left aside: code and addresses (the same in every
# language), what the page marks as another language (lang="en": a title as published), and the
# language switch, which names each language in its own.
VISIBLE_TEXT = """() => {
  const skip = 'script, style, code, pre, .asm-app-language, .asm-language, [lang]:not([lang|="fr"])';
  const seen = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (parent && !parent.closest(skip) && parent.checkVisibility() && node.textContent.trim()) {
      seen.push(node.textContent);
    }
  }
  for (const element of document.body.querySelectorAll('[aria-label], [placeholder], [title], [alt]')) {
    if (element.closest(skip)) continue;
    for (const name of ['aria-label', 'placeholder', 'title', 'alt']) {
      const value = element.getAttribute(name);
      // ipywidgets 8 writes a label's missing tooltip as the text "null".
      if (value && value !== 'null') seen.push(value);
    }
  }
  return seen;
}"""
DRAWN = "() => !document.getElementById('loading')"


LEFTOVERS = Path(__file__).parent / "fixtures" / "french_pages_english.json"
"""The English words still on the French pages, page by page (README, "Still in English"): the
list may only shrink. A new English word fails the test, and so does a listed one that is gone."""
PYTHON_VALUES = {"True", "False", "None", "NaN"}


def data_words() -> set[str]:
    """The words of the data a page may show in English: the columns kept as published (the names
    of sources) and the names the catalog keeps as they are; tables (test_tables.py) and the tools
    that start from a case's data (test_case_data_in_french.py) show the rest in French."""
    from asm_workshop import data, tables

    columns, values = tables.french_texts()
    texts = []
    for name in data.names():
        frame = data.load(name)
        for column in frame.select_dtypes(include=["object", "string"]):
            # A value the catalog keeps as it is in French is a name (Grand-Nokoué, DEMAS).
            texts += [value for value in frame[column].dropna().astype(str)
                      if values.get(value.strip(), value.strip()) == value.strip()]
    words = {word for text in texts for word in re.findall(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", text)}
    return words | {part for word in words for part in re.split(r"['’-]", word)}


def from_data(word: str, data: set[str]) -> bool:
    """Whether ``word`` is data: a word of the data, made of the data's words (mercury-free), or
    the start of one, where a table cuts a long value short ("Small-Scal...")."""
    return (word in data or word in PYTHON_VALUES or all(part in data for part in re.split(r"['’-]", word))
            or any(value.startswith(word) for value in data if len(word) >= 4))


def test_every_page_a_francophone_opens_speaks_french(voila_server, browser):
    base, served = voila_server
    # A name of its own, so that no answer another test saved shows on its pages.
    page, hrefs = landing_in_french(base, browser, "Lectrice Francophone")
    english = {"landing page": english_words(page.evaluate(VISIBLE_TEXT))}
    # A title kept as published is marked as English, and still shown.
    assert page.locator("a.asm-reading-link[lang='en']:visible").count() > 5
    for href in hrefs:
        page.goto(urljoin(f"{base}/", href), timeout=TIMEOUT)
        page.wait_for_function(DRAWN, timeout=TIMEOUT)
        page.wait_for_load_state("networkidle", timeout=TIMEOUT)
        texts, previous = page.evaluate(VISIBLE_TEXT), None
        # Until the widgets are all drawn: the text holds still, and no widget still says "Loading"
        # (the placeholder a widget shows until its view is made, which a loaded machine keeps longer).
        for _ in range(240):
            if texts == previous and not any(text.strip().startswith("Loading") for text in texts):
                break
            page.wait_for_timeout(250)
            texts, previous = page.evaluate(VISIBLE_TEXT), texts
        # Voila's words for a cell that failed (the French lessons are run here, not in nbclient).
        assert "error when executing cell" not in page.inner_text("body"), href
        english[href.split("?")[0].rsplit("/", 1)[-1]] = english_words(texts)
    page.close()
    data = data_words()
    found = {where: sorted(word for word in words if not from_data(word, data))
             for where, words in english.items()}
    found = {where: words for where, words in found.items() if words}
    if os.environ.get("ASM_UPDATE_FRENCH_LEFTOVERS"):  # after removing English, to shrink the list
        LEFTOVERS.write_text(json.dumps(found, ensure_ascii=False, indent=1, sort_keys=True) + "\n")
    listed = json.loads(LEFTOVERS.read_text(encoding="utf-8"))
    new = {where: sorted(set(words) - set(listed.get(where, []))) for where, words in found.items()}
    gone = {where: sorted(set(words) - set(found.get(where, []))) for where, words in listed.items()}
    assert {where: words for where, words in new.items() if words} == {}, "English on a French page"
    assert {where: words for where, words in gone.items() if words} == {}, (
        f"English no longer shown: remove it from {LEFTOVERS.name} (ASM_UPDATE_FRENCH_LEFTOVERS=1)")
