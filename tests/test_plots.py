"""The lesson charts draw the real datasets, show missing figures as missing, and leak no figure."""

import io

import matplotlib.pyplot as plt
import pytest
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from asm_workshop import data, day1, i18n, plots
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
        assert texts(axes).count(plots.NOT_PUBLISHED) == baseline[column].isna().sum()


def test_mercury_chart_puts_each_not_published_label_on_its_own_region():
    baseline = data.load("burkina_mercury_baseline")
    mercury_axes = plots.mercury_by_region(baseline).axes[0]
    labelled = {round(text.get_position()[1]) for text in mercury_axes.texts
                if text.get_text() == plots.NOT_PUBLISHED}
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
