"""The texts in force, written once in ``asm_workshop.law``: each has a title, a date and sources
from facts.md, and lesson 1.4, the checker and the capstone case table show the same day last
checked (so the next update of the law is one edit and this test)."""

import html
import re
from datetime import date

import nbformat
import pytest

from asm_workshop import day3, i18n, law
from asm_workshop.legal_status import COUNTRIES
from asm_workshop.widgets.law import LawInForceBox
from conftest import FACTS, ROOT, needs_facts

LESSON = ROOT / "notebooks" / "day1" / "1-4_regulatory_framework.ipynb"
CHECKER_APP = ROOT / "notebooks" / "tools" / "legal_status_checker.ipynb"
TEXTS = [text for country in COUNTRIES for text in law.texts_in_force(country)]


def cells(path, kind):
    return [cell.source for cell in nbformat.read(path, as_version=4).cells if cell.cell_type == kind]


def test_every_country_has_texts_in_force_and_only_those():
    assert set(law.TEXTS_IN_FORCE) == set(COUNTRIES)
    assert all(law.TEXTS_IN_FORCE[country] for country in COUNTRIES)
    assert len({text.key for text in TEXTS}) == len(TEXTS)


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("text", TEXTS, ids=[text.key for text in TEXTS])
def test_every_text_has_a_title_a_summary_and_a_date_not_after_the_check(text, language):
    i18n.set_language(language)
    assert text.title().strip() and text.summary().strip()
    assert isinstance(text.dated, date) and text.dated <= law.LAST_CHECKED
    assert text.sources


@needs_facts
@pytest.mark.parametrize("text", TEXTS, ids=[text.key for text in TEXTS])
def test_every_source_of_a_text_in_force_is_in_the_sourced_facts(text):
    facts = FACTS.read_text(encoding="utf-8")
    assert [address for address in text.sources if address not in facts] == []


def test_lesson_1_4_lists_every_source_of_the_texts_in_force():
    sources = next(source for source in cells(LESSON, "markdown") if "## Sources" in source)
    assert sorted(address for text in TEXTS for address in text.sources if address not in sources) == []


def test_the_number_of_the_2024_code_is_not_given_as_a_fact():
    # No source read confirms "016-2024/ALT" (facts.md §6.1): cite the code by its date.
    assert not any("016-2024" in texts[language] for texts in i18n.catalog().values() for language in texts)
    assert all("016-2024" not in source for source in cells(LESSON, "markdown"))


@pytest.mark.parametrize("country", COUNTRIES)
def test_lesson_1_4_and_the_checker_app_show_each_country_box(country):
    lesson_code = "\n".join(cells(LESSON, "code"))
    assert f'LawInForceBox("{country}")' in lesson_code
    app_code = "\n".join(cells(CHECKER_APP, "code"))
    assert re.search(rf'LegalStatusChecker\([^)]*country="{country}"', app_code)


def test_no_lesson_prose_writes_a_last_checked_day_of_its_own():
    # The day is written once, in law.py: a date typed in the prose would not follow an update.
    for path in (LESSON, CHECKER_APP):
        for source in cells(path, "markdown"):
            assert not re.search(r"last checked on \d", source), path.name


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("country", COUNTRIES)
def test_the_box_gives_the_day_last_checked_and_every_text(country, language):
    i18n.set_language(language)
    box = LawInForceBox(country)
    try:
        shown = html.unescape(box.box.value)
        assert law.last_checked_text() in shown
        assert all(text.title() in shown and text.sources[0] in shown for text in law.texts_in_force(country))
    finally:
        box.close()
    assert law.last_checked_text() == {"en": "3 December 2026", "fr": "3 décembre 2026"}[language]


def test_the_box_follows_a_change_of_the_day_last_checked(monkeypatch):
    monkeypatch.setattr(law, "LAST_CHECKED", date(2027, 1, 15))
    box = LawInForceBox("benin")
    try:
        assert "last checked on 15 January 2027" in html.unescape(box.box.value)
    finally:
        box.close()


def test_the_capstone_case_table_says_when_the_law_was_last_checked(monkeypatch):
    rules = day3.case_table()["What the rules already ask"]
    assert all(law.last_checked_text() in text for text in rules)
    assert "Mining code of July 2024" in rules["Artisanal gold, Sud-Ouest region (Burkina Faso)"]
    assert all("2015" not in text and "ANEEMAS supervises" not in text for text in rules)
    monkeypatch.setattr(law, "LAST_CHECKED", date(2027, 1, 15))
    assert all("15 January 2027" in text for text in day3.case_table()["What the rules already ask"])
