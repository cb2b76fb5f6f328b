"""A table shown on a French page reads in French: its column names and text values come from the
data package's catalog, in the kernel's own display (IPython), while the data stays English."""

import pandas as pd
import pytest
from IPython.core.interactiveshell import InteractiveShell

from asm_workshop import data, day1, i18n, tables


@pytest.fixture
def french():
    i18n.set_language("fr")
    yield tables.french_texts()
    i18n.set_language("en")


def test_a_french_table_shows_the_catalogs_french_and_the_data_stays_english(french):
    columns, values = french
    visits = data.load("site_visits")
    shown = tables.shown(visits)
    assert list(shown.columns) == [columns[name] for name in visits.columns]
    assert set(shown[columns["mineral"]]) == {values[v] for v in visits["mineral"]}
    assert shown.shape == visits.shape and set(visits["mineral"]) == {"sand", "gold", "gravel"}
    # Numbers, booleans and missing values are shown as they are.
    assert shown[columns["workers_total"]].tolist() == visits["workers_total"].tolist()


def test_an_english_table_is_shown_as_it_is():
    visits = data.load("site_visits")
    assert tables.shown(visits) is visits


def test_a_summary_a_lesson_computes_has_its_labels_in_french_too(french):
    columns, values = french
    survey = data.load("household_survey")
    table = pd.crosstab(survey["community"], survey["main_livelihood"])
    shown = tables.shown(table)
    assert shown.index.name == columns["community"] and shown.columns.name == columns["main_livelihood"]
    assert list(shown.columns) == [values[name] for name in table.columns]
    counts = tables.shown(survey["head_gender"].value_counts())
    assert set(counts.index) == {values[v] for v in survey["head_gender"].unique()}


def test_the_kernel_displays_every_table_in_the_readers_language(french):
    columns, _ = french
    shell = InteractiveShell.instance()  # a kernel's shell, there before its first cell runs
    i18n.set_language("fr")  # the French notebook's first line, which installs the display
    visits = data.load("site_visits")
    formats, _ = shell.display_formatter.format(visits)
    assert f"<th>{columns['workers_total']}</th>" in formats["text/html"]
    assert "209 lignes × 21 colonnes" in formats["text/html"] and "rows" not in formats["text/html"]
    assert columns["visit_id"] in formats["text/plain"]
    assert "[209 lignes x 21 colonnes]" in formats["text/plain"]
    i18n.set_language("en")
    formats, _ = shell.display_formatter.format(visits)
    assert formats["text/html"] == visits._repr_html_()


def test_a_column_the_code_computes_has_its_french_in_the_message_catalog(french):
    survey = data.load("household_survey")
    summary = day1.household_income_summary(survey, by=["community"])
    shown = tables.shown(summary)
    assert list(shown.columns) == [i18n.t(f"table.{name}") for name in summary.columns]
    assert "ménages" in shown.columns and "households" in summary.columns
