"""The lesson charts draw the real datasets, show missing figures as missing, and leak no figure."""

import contextlib
import io
import re

import matplotlib.pyplot as plt
import pytest
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from asm_workshop import data, day1, i18n, plots
from asm_workshop.i18n import t
from asm_workshop.legal_status import classify_sites


@pytest.fixture(scope="module")
def survey():
    return data.load("household_survey")


@pytest.fixture(scope="module")
def calendar(survey):
    return day1.seasonal_calendar_table(data.load("household_monthly_income"), survey)


@pytest.fixture(scope="module")
def site_visits():
    return data.load("site_visits")


def every_chart(survey, calendar, site_visits):
    figures = data.load("asm_global_figures")
    return {
        "workforce": lambda: plots.bar_chart_of_workforce(data.load("delve_top10_asm_workforce")),
        "over_time": lambda: plots.workforce_over_time(figures),
        "supply": lambda: plots.share_of_world_supply(figures),
        "sand_sites": lambda: plots.sand_sites_by_water_body(data.load("benin_sand_site_inventory")),
        "industrial_gold": lambda: plots.industrial_gold_by_year(data.load("burkina_industrial_gold")),
        "income": lambda: plots.income_by_source_chart(day1.income_by_source(survey)),
        "calendar": lambda: plots.seasonal_calendar(calendar, "gold_sud_ouest"),
        "roles": lambda: plots.task_roles_chart(day1.task_roles(survey)),
        "mercury": lambda: plots.mercury_by_region(data.load("burkina_mercury_baseline")),
        "sand_methods": lambda: plots.sand_methods_chart(day1.sand_methods_summary(site_visits)),
        "legal_status": lambda: plots.legal_status_counts(
            {"Burkina Faso": classify_sites(site_visits, "burkina_faso"),
             "Benin": classify_sites(site_visits, "benin")}),
    }


def bars(axes):
    """The bars an axes holds (rectangles other than the background and legend handles)."""
    return [patch for patch in axes.patches if isinstance(patch, Rectangle)]


def texts(axes):
    return [text.get_text() for text in axes.texts]


def test_every_chart_draws_the_real_data_into_a_figure_and_leaves_nothing_open(survey, calendar, site_visits):
    open_before = plt.get_fignums()
    for name, draw in every_chart(survey, calendar, site_visits).items():
        figure = draw()
        assert isinstance(figure, Figure), name
        assert any(bars(axes) or axes.lines for axes in figure.axes), f"{name} drew nothing"
        figure.savefig(io.BytesIO(), format="png", dpi=40)  # renders without error
    assert plt.get_fignums() == open_before


def test_a_returned_figure_stays_usable_after_it_is_taken_off_pyplots_list():
    figure = plots.mercury_by_region(data.load("burkina_mercury_baseline"))
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    assert buffer.getvalue().startswith(b"\x89PNG")


def test_mercury_chart_draws_no_bar_for_a_figure_not_published():
    baseline = data.load("burkina_mercury_baseline")
    figure = plots.mercury_by_region(baseline)
    mercury_axes, gold_axes = figure.axes
    for axes, column in ((mercury_axes, "hg_use_kg_per_year"), (gold_axes, "gold_output_kg_per_year")):
        published = baseline[column].dropna().astype(float)
        widths = sorted(bar.get_width() for bar in bars(axes))
        assert widths == sorted(published.tolist())  # one bar per published figure, none of 0
        assert texts(axes).count(t("plots.not_published")) == baseline[column].isna().sum()


def test_mercury_chart_puts_each_not_published_label_on_its_own_region():
    baseline = data.load("burkina_mercury_baseline")
    mercury_axes = plots.mercury_by_region(baseline).axes[0]
    labelled = {round(text.get_position()[1]) for text in mercury_axes.texts
                if text.get_text() == t("plots.not_published")}
    missing = baseline["hg_use_kg_per_year"].isna()
    assert labelled == {position for position, absent in enumerate(missing) if absent}


def test_industrial_gold_chart_marks_years_without_a_figure_instead_of_drawing_zero():
    gold = data.load("burkina_industrial_gold")
    axes = plots.industrial_gold_by_year(gold).axes[0]
    heights = [bar.get_height() for bar in bars(axes)]
    assert sorted(heights) == sorted(gold["gold_tonnes"].tolist()) and 0 not in heights
    years = set(gold["year"].astype(int))
    gaps = set(range(min(years), max(years) + 1)) - years
    assert texts(axes).count("no figure") == len(gaps)


def test_a_published_range_is_drawn_from_its_low_to_its_high_end():
    figures = data.load("asm_global_figures")
    axes = plots.share_of_world_supply(figures).axes[0]
    ends = {(bar.get_x(), bar.get_x() + bar.get_width()) for bar in bars(axes)}
    assert (0, 15) in ends and (15, 20) in ends  # non-fuel minerals: 15 to 20 %
    assert "15–20 %" in texts(axes) and "up to 20 %" in texts(axes)


def test_workforce_chart_highlights_the_country_asked_for():
    table = data.load("delve_top10_asm_workforce")
    axes = plots.bar_chart_of_workforce(table, highlight="Ghana").axes[0]
    labels = [label.get_text() for label in axes.get_yticklabels()]
    colours = {label: bar.get_facecolor() for label, bar in zip(labels, bars(axes), strict=True)}
    assert len({colours["Ghana"], colours["India"]}) == 2
    assert colours["India"] == colours["Burkina Faso"]


def test_seasonal_calendar_stacks_each_months_income_to_the_tables_total(calendar):
    axes = plots.seasonal_calendar(calendar, "sand_oueme_lagoon").axes[0]
    tops = {}
    for bar in bars(axes):
        month = round(bar.get_x() + bar.get_width() / 2)
        tops[month] = max(tops.get(month, 0), bar.get_y() + bar.get_height())
    expected = calendar.loc["sand_oueme_lagoon"].sum(axis=1) / 1000
    assert tops == pytest.approx(expected.to_dict())


def test_seasonal_calendar_names_the_communities_when_asked_for_one_it_does_not_have(calendar):
    with pytest.raises(ValueError, match="gold_sud_ouest, sand_oueme_lagoon"):
        plots.seasonal_calendar(calendar, "gold_sahel")
    i18n.set_language("fr")
    with pytest.raises(ValueError, match="aucune communauté"):
        plots.seasonal_calendar(calendar, "gold_sahel")


def test_legal_status_chart_counts_each_category(site_visits):
    burkina = classify_sites(site_visits, "burkina_faso")
    axes = plots.legal_status_counts({"Burkina Faso": burkina}).axes[0]
    heights = sorted(bar.get_height() for bar in bars(axes))
    assert heights == sorted(burkina["category"].value_counts().reindex(
        ["formal", "informal", "illegal"], fill_value=0).tolist())


# The charts in French ------------------------------------------------------------------------------

@contextlib.contextmanager
def in_language(language):
    """Draw in ``language``, and be back in English afterwards (as conftest's fixture leaves every test)."""
    i18n.set_language(language)
    try:
        yield
    finally:
        i18n.set_language("en")


def shown_texts(figure):
    """Every text the figure shows, as (where, text): titles, suptitle, axis labels, tick labels,
    legend texts and what is written in the chart (axes.text, annotate, bar_label)."""
    figure.canvas.draw()  # the tick labels are written when the figure is drawn
    found = [("suptitle", figure._suptitle.get_text())] if figure._suptitle is not None else []
    for number, axes in enumerate(figure.axes):
        found += [(f"{number}.title", axes.get_title()), (f"{number}.xlabel", axes.get_xlabel()),
                  (f"{number}.ylabel", axes.get_ylabel())]
        found += [(f"{number}.xtick", label.get_text()) for label in axes.get_xticklabels()]
        found += [(f"{number}.ytick", label.get_text()) for label in axes.get_yticklabels()]
        found += [(f"{number}.text", text.get_text()) for text in axes.texts]
        if axes.get_legend() is not None:
            found += [(f"{number}.legend", text.get_text()) for text in axes.get_legend().get_texts()]
    return [(where, text) for where, text in found if text]


def expected_french(name):
    """The title and axis texts chart ``name`` must show in French, from the catalog (called in French)."""
    t = i18n.t
    note = t("plots.synthetic_survey_note")
    baseline = data.load("burkina_mercury_baseline")
    published = baseline[["hg_use_kg_per_year", "gold_output_kg_per_year"]].notna().sum().sum()
    return {
        "workforce": {"0.title": t("plots.workforce.title"), "0.xlabel": t("plots.people_in_asm_millions")},
        "over_time": {"0.title": t("plots.over_time.title"), "0.ylabel": t("plots.people_in_asm_millions")},
        "supply": {"0.title": t("plots.supply.title"), "0.xlabel": t("plots.supply.axis")},
        "sand_sites": {"0.title": t("plots.sand_sites.title", count="43"),
                       "0.xlabel": t("plots.sand_sites.axis")},
        "industrial_gold": {"0.title": t("plots.industrial_gold.title"),
                            "0.ylabel": t("plots.industrial_gold.axis")},
        "income": {"0.title": t("plots.income.title", note=note), "0.xlabel": t("plots.income.axis")},
        "calendar": {"0.title": t("plots.calendar.title", community=t("plots.community.gold_sud_ouest"),
                                  note=note),
                     "0.ylabel": t("plots.calendar.axis")},
        "roles": {"suptitle": t("plots.roles.title", note=note), "0.xlabel": t("plots.roles.axis"),
                  "1.xlabel": t("plots.roles.axis")},
        "mercury": {"suptitle": t("plots.mercury.title", published=str(published),
                                  total=str(2 * len(baseline))),
                    "0.title": t("plots.mercury.mercury_used"), "1.title": t("plots.mercury.gold_produced")},
        "sand_methods": {"suptitle": t("plots.sand_methods.title"),
                         "0.title": t("plots.sand_methods.workers"),
                         "1.title": t("plots.sand_methods.m3_per_worker")},
        "legal_status": {"0.title": t("plots.legal_status.title"), "0.ylabel": t("plots.legal_status.axis")},
    }[name]


def same_in_both_languages():
    """Chart texts written the same in French: names of people, places and sources, and the count of
    sand sites whose method is not known ("6 sites")."""
    regions = data.load("burkina_mercury_baseline")["region"].tolist()
    inventory = data.load("benin_sand_site_inventory")
    unknown_method = inventory.loc[inventory["main_method"].isna(), "sand_mining_sites"]
    return {"Burkina Faso", "Ghana", "Zimbabwe", "Delve", "IGF (2018)", *regions,
            *(f"{count} sites" for count in unknown_method)}


# Words a French chart shares with the English one: French words spelt as in English, and the
# words of names (Pact, of "World Bank and Pact"; Lalèyè et al. 2019; places).
FRENCH_TOO = {"millions", "dates", "non", "site", "sites", "mines", "tonnes", "source", "du", "et", "al",
              "kg", "m³", "FCFA"}
NAMED = {"Pact", "Lalèyè", "Congo", "Ouémé", "Porto", "Novo", "Ahémé", "Mono"}


def words(texts):
    return {word for text in texts for word in re.findall(r"[^\W\d_]+", text)}


def english_left(english, french, allowed):
    """The lines of the English chart's texts that the French chart still shows (whole words, same case);
    lines without a letter (numbers) and ``allowed`` ones (also in brackets) aside."""
    shown = "\n".join(french)
    lines = {line.strip() for text in english for line in text.split("\n")}
    return sorted(line for line in lines if re.search(r"[A-Za-z]", line) and line not in allowed
                  and line.strip("()") not in allowed
                  and re.search(rf"(?<!\w){re.escape(line)}(?!\w)", shown))


@pytest.mark.parametrize("name", ["workforce", "over_time", "supply", "sand_sites", "industrial_gold",
                                  "income", "calendar", "roles", "mercury", "sand_methods", "legal_status"])
def test_every_chart_is_drawn_in_french_after_set_language_fr(name, survey, calendar, site_visits):
    draw = every_chart(survey, calendar, site_visits)[name]
    english = shown_texts(draw())
    with in_language("fr"):
        french = shown_texts(draw())
        expected = expected_french(name)
    shown = dict(french)
    assert {where: shown.get(where) for where in expected} == expected
    assert english_left([text for _, text in english], [text for _, text in french],
                        same_in_both_languages()) == []
    # No English word left inside a French text either ("(synthetic survey)" in a French title).
    english_words = words(text for _, text in english)
    assert sorted(english_words & words(text for _, text in french)
                  - FRENCH_TOO - NAMED - words(same_in_both_languages())) == []
    assert len(french) == len(english)  # the same texts, one for one


def test_french_charts_write_numbers_and_months_the_french_way(calendar):
    figures = data.load("asm_global_figures")
    with in_language("fr"):
        baseline = data.load("burkina_mercury_baseline")
        mercury = [text for _, text in shown_texts(plots.mercury_by_region(baseline))]
        over_time = texts(plots.workforce_over_time(figures).axes[0])
        supply = texts(plots.share_of_world_supply(figures).axes[0])
        gold = texts(plots.industrial_gold_by_year(data.load("burkina_industrial_gold")).axes[0])
        months = [label.get_text() for label in
                  plots.seasonal_calendar(calendar, "gold_sud_ouest").axes[0].get_xticklabels()]
    assert "20\u202f393" in mercury and "10\u202f000" in mercury  # thousands: a narrow no-break space
    assert "44,67\u00a0M" in over_time and "\u2265\u00a040\u00a0M" in over_time  # a decimal comma
    assert "jusqu'à 20\u00a0%" in supply and "15–20\u00a0%" in supply
    assert "5,5" in gold and "~53" in gold and gold.count("pas de chiffre") == 7 and "no figure" not in gold
    assert months == ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.",
                      "nov.", "déc."]


def test_tick_numbers_with_decimals_take_a_decimal_comma_in_french():
    with in_language("fr"):
        figure, axes = plots._new_figure(4, 3)
        axes.plot([0, 1.5], [0, 2.5])
        plots._tidy(axes)
    ticks = [text for where, text in shown_texts(figure) if where.endswith("tick")]
    assert "0,5" in ticks and "1,5" in ticks and not [tick for tick in ticks if "." in tick]


def test_a_chart_takes_the_language_current_when_it_is_drawn():
    baseline = data.load("burkina_mercury_baseline")
    with in_language("fr"):
        french = plots.mercury_by_region(baseline)
    english = plots.mercury_by_region(baseline)
    assert english._suptitle.get_text().startswith("Burkina Faso's artisanal gold mining by region")
    assert french._suptitle.get_text().startswith("L'orpaillage au Burkina Faso par région")
    # Drawn in French, it stays French when saved after the switch back, tick numbers too.
    assert "10\u202f000" in [text for _, text in shown_texts(french)]
    assert "10,000" in [text for _, text in shown_texts(english)]


def test_a_data_value_without_a_message_is_shown_as_it_is_in_the_data(site_visits):
    with in_language("fr"):
        figure = plots.legal_status_counts({"Benin": classify_sites(site_visits, "benin"),
                                            "Togo": classify_sites(site_visits, "benin")})
    labels = [label.get_text() for label in figure.axes[0].get_xticklabels()]
    assert labels == ["Bénin\n(104 visites)", "Togo\n(104 visites)"]


def test_every_plots_message_has_english_and_french_in_french_typography_and_the_glossarys_words():
    from asm_workshop.translation import typography_problems, wording_problems

    messages = {key: texts for key, texts in i18n.catalog().items() if key.startswith("plots.")}
    assert len(messages) > 50
    assert {key: sorted(texts) for key, texts in messages.items() if sorted(texts) != ["en", "fr"]} == {}
    assert [key for key, texts in messages.items()
            if not texts["en"].strip() or not texts["fr"].strip()] == []
    fields = {key: {language: set(re.findall(r"{(\w+)}", text)) for language, text in texts.items()}
              for key, texts in messages.items()}
    assert {key: found for key, found in fields.items() if found["en"] != found["fr"]} == {}
    # Only a count of sites reads the same in both languages.
    assert sorted(key for key, texts in messages.items() if texts["en"] == texts["fr"]) == [
        "plots.sand_sites.count", "plots.sand_sites.count_with_method"]
    problems = {key: typography_problems(texts["fr"]) + wording_problems(texts["fr"])
                for key, texts in messages.items()}
    assert {key: found for key, found in problems.items() if found} == {}
    # A number and its unit or percent sign are not split over two lines in French.
    assert [key for key, texts in messages.items() if re.search(r"} [%M]", texts["fr"])] == []
