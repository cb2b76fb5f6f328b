"""An engagement plan exported as Markdown and as one printable HTML page that needs nothing else.

The printing tests print the page to PDF with Debian's chromium and read the PDF back: its
page size, its number of pages, and whether any activity's table row was cut across two pages.
"""

from __future__ import annotations

import json
import os
import re

import pytest
from pdf_text import pdf_pages

from asm_workshop import plan, plan_export
from asm_workshop.i18n import set_language
from conftest import FIXTURES

REFERENCE = FIXTURES / "answers" / "day3"
"""The Day 3 answers a graded submission brings: the plan, and its export in ``exports/``."""

LONG_NAME = ("Second listening session with the diggers, the pit owners and the women processors about "
             "safety in the shafts and the use of mercury")


def twelve_activities() -> dict:
    """The Burkina Faso example, grown to twelve activities, some with names long enough to wrap."""
    example = plan.example_plan("burkina_gold")
    extra = ["Meet the commune's council", "Radio spots before the rainy season", LONG_NAME,
             "Exchange visit to a site that already uses gravity tables"]
    for number, name in enumerate(extra):
        example["activities"].append({"name": name, "start": f"2027-{number + 2:02d}-10",
                                      "end": f"2027-{number + 3:02d}-20", "owner": "Coordinatrice de l'ONG",
                                      "cost": 111_000 * (number + 1)})
    example["title"] = "Moins de mercure à l'orpaillage : un plan sur douze mois"
    return example


# --- Markdown ---------------------------------------------------------------------------------

def test_markdown_has_every_part_the_budget_and_headings_in_the_current_language():
    example = plan.example_plan("burkina_gold")
    text = plan_export.to_markdown(example)
    for heading in ("## Objectives", "## Target stakeholders", "## Activities and budget", "## Indicators",
                    "## Risks and assumptions"):
        assert heading in text
    assert "- **Total budget:** 4,900,000 FCFA" in text
    row = ("| 5 | Gravity table demonstrations | 7 Jun 2027 | 24 Sep 2027 | Technical trainer "
           "| 1,800,000 FCFA |")
    assert row in text
    set_language("fr")
    text = plan_export.to_markdown(example)
    assert "## Parties prenantes ciblées" in text and "## Risques et hypothèses" in text
    assert "4\u202f900\u202f000 FCFA" in text


def test_markdown_table_cells_keep_their_pipes_and_line_breaks_from_breaking_the_table():
    example = plan.example_plan("benin_sand")
    example["activities"][0]["name"] = "Meet | the quarry\nheads"
    row = next(line for line in plan_export.to_markdown(example).splitlines() if line.startswith("| 1 |"))
    assert "Meet \\| the quarry heads" in row and row.count(" | ") == 5


def test_an_empty_plan_exports_without_failing_and_says_what_is_missing():
    text = plan_export.to_markdown(plan.empty_plan())
    assert text.startswith("# Engagement plan (no title yet)")
    assert "*Nothing written yet.*" in text
    assert "Nothing written yet." in plan_export.to_html(plan.empty_plan())


# --- HTML ---------------------------------------------------------------------------------------

def test_the_html_page_refers_to_no_address_outside_itself():
    page = plan_export.to_html(twelve_activities())
    assert not re.search(r"https?://", page)
    assert not re.search(r"\b(src|href)\s*=", page.replace('xlink:href="#', ""))
    assert "@import" not in page and "url(" not in page.replace("url(#", "")
    assert "<script" not in page
    assert "<svg" in page and "@page { size: A4;" in page


def test_what_participants_write_is_shown_as_text_never_as_markup_or_a_link():
    example = plan.example_plan("burkina_gold")
    example["objectives"] = ["<script>alert(1)</script> see https://example.org"]
    page = plan_export.to_html(example)
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert 'href="https://example.org"' not in page


def test_script_tags_and_ampersands_anywhere_in_the_plan_are_shown_as_written():
    example = plan.example_plan("burkina_gold")
    written = "Mines & <script>alert(1)</script>"
    example["title"] = written
    example["stakeholders"] = [written]
    example["activities"][0].update(name=written, owner=written)
    example["indicators"] = [written]
    page = plan_export.to_html(example)
    escaped = "Mines &amp; &lt;script&gt;alert(1)&lt;/script&gt;"
    assert page.count(escaped) >= 6  # title (twice), a stakeholder, the activity, its owner, an indicator
    assert "<script" not in page and "Mines & " not in page


def test_the_html_headings_follow_the_language_and_the_plan_keeps_its_own_words():
    example = plan.example_plan("benin_sand")
    set_language("fr")
    page = plan_export.to_html(example)
    assert '<html lang="fr">' in page
    assert "<h2>Objectifs</h2>" in page and "<h2>Calendrier</h2>" in page
    assert "Monthly depth checks" in page  # the participant's words are not translated
    assert "1\u202f710\u202f000 FCFA" in page


def test_export_writes_both_files_named_from_the_accented_title(tmp_path):
    example = twelve_activities()
    html_path, markdown_path = plan_export.export(example, tmp_path / "exports")
    assert html_path.name == "moins-de-mercure-a-l-orpaillage-un-plan-sur-douze-mois.html"
    assert markdown_path == html_path.with_suffix(".md")
    assert markdown_path.read_text(encoding="utf-8").startswith("# Moins de mercure à l'orpaillage")
    example["objectives"] = ["Changed"]
    plan_export.export(example, tmp_path / "exports")  # a second export replaces the first
    assert "Changed" in markdown_path.read_text(encoding="utf-8")
    written = sorted(path.name for path in (tmp_path / "exports").iterdir())
    assert written == sorted([html_path.name, markdown_path.name])


def _without_chart_ids(page: str) -> str:
    # matplotlib names the chart's clip paths and glyphs with random ids, different at each export.
    return re.sub(r'(id="|#)[a-z][0-9a-f]{10}\b', r"\1ID", page)


def test_the_reference_export_is_what_export_writes_from_the_reference_plan(tmp_path):
    """The export a graded submission brings (tests/fixtures/answers/day3/exports/) is current.

    After a change to the page, regenerate it: ``ASM_REGENERATE_EXPORT=1 pytest tests/test_plan_export.py
    -k reference`` writes it from ``day3.plan.json`` in English, then commit both files.
    """
    value = json.loads((REFERENCE / "day3.plan.json").read_text(encoding="utf-8"))["value"]
    set_language("en")
    if os.environ.get("ASM_REGENERATE_EXPORT"):
        plan_export.export(value, REFERENCE / "exports")
    html_path, markdown_path = plan_export.export(value, tmp_path)
    committed = sorted(path.name for path in (REFERENCE / "exports").iterdir())
    assert committed == sorted([html_path.name, markdown_path.name])
    for path in (html_path, markdown_path):
        reference = (REFERENCE / "exports" / path.name).read_text(encoding="utf-8")
        assert _without_chart_ids(path.read_text(encoding="utf-8")) == _without_chart_ids(reference), (
            f"{path.name} is not what export writes now: regenerate it (see this test's docstring)")


# --- printing -----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def printed(browser, tmp_path_factory):
    """The twelve-activity plan exported in French, opened offline in chromium and printed to PDF."""
    return print_in_french(browser, twelve_activities(), tmp_path_factory.mktemp("printed"))


def print_in_french(browser, example: dict, folder) -> dict:
    """``example`` exported in French into ``folder``, opened offline in chromium and printed."""
    set_language("fr")
    html_path, _ = plan_export.export(example, folder)
    set_language("en")
    context = browser.new_context(offline=True)
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(html_path.as_uri(), wait_until="load")
    chart_width = page.locator("figure svg").bounding_box()["width"]
    pdf = page.pdf(format="A4", prefer_css_page_size=True)
    context.close()
    return {"pdf": pdf, "requests": requests, "chart_width": chart_width, "path": html_path}


@pytest.mark.browser
def test_the_page_opens_offline_asking_for_nothing_but_itself(printed):
    assert printed["requests"] == [printed["path"].as_uri()]
    assert printed["chart_width"] > 500  # the inline chart is drawn across the page


@pytest.mark.browser
def test_the_plan_prints_on_a4_pages(printed):
    pages = pdf_pages(printed["pdf"])
    for page in pages:
        width, height = page["box"][2] - page["box"][0], page["box"][3] - page["box"][1]
        assert 594 < width < 596 and 841 < height < 843


@pytest.mark.browser
def test_a_plan_of_twelve_activities_fits_on_three_pages_at_most(printed):
    pages = pdf_pages(printed["pdf"])
    assert 2 <= len(pages) <= 3
    assert "Calendrier" in pages[-1]["text"]  # the timeline, kept whole, comes last


def thirty_long_rows() -> dict:
    """The Burkina Faso example with thirty more activities whose names wrap over several lines:
    the table runs over pages, and without "break-inside: avoid" on its rows four page ends fall
    inside a row (checked by taking that rule out of the page's style)."""
    example = plan.example_plan("burkina_gold")
    for number in range(30):
        example["activities"].append({
            "name": f"{LONG_NAME}, then {LONG_NAME.lower()} (session {number + 1})",
            "start": "2027-03-01", "end": "2027-03-20", "owner": "Coordinatrice de l'ONG",
            "cost": 1000 * (number + 1)})
    return example


@pytest.mark.browser
def test_no_activity_row_is_cut_across_two_pages(browser, tmp_path):
    example = thirty_long_rows()
    texts = [page["text"] for page in pdf_pages(print_in_french(browser, example, tmp_path)["pdf"])]
    assert len(texts) > 4
    set_language("fr")
    for number, activity in enumerate(example["activities"], start=1):
        cost = plan_export.fcfa(activity["cost"])
        whole = [index for index, text in enumerate(texts)
                 if " ".join(activity["name"].split()) in text and " ".join(cost.split()) in text]
        assert whole, f"row {number} ({activity['name']}) is not whole on any page"
    total = " ".join(plan_export.fcfa(plan.budget_total(example)).split())
    assert any(f"Budget total {total}" in text for text in texts)
