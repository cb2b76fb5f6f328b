"""The Day 1 lesson tables: right bases for shares, missing values kept missing."""

import pandas as pd
import pytest

from asm_workshop import data, day1, i18n


@pytest.fixture(scope="module")
def survey():
    return data.load("household_survey")


@pytest.fixture(scope="module")
def figures():
    return data.load("asm_global_figures")


def households(rows):
    """A small survey in the dataset's shape: each row gives community, incomes and roles."""
    base = {"household_id": "", "community": "gold_sud_ouest", "head_gender": "male",
            "income_mining_fcfa": 0, "income_farming_fcfa": 0, "income_fishing_fcfa": 0,
            "income_trade_fcfa": 0, "income_other_fcfa": 0, "digging_done_by": "men",
            "processing_done_by": "women", "selling_done_by": "men", "migrant": False,
            "years_in_place": None}
    frame = pd.DataFrame([{**base, "household_id": f"BF-{n:03}", **row} for n, row in enumerate(rows)])
    frame["years_in_place"] = frame["years_in_place"].astype("Int64")
    frame["migrant"] = frame["migrant"].astype("boolean")
    return frame


def test_global_figure_finds_the_one_figure_asked_for(figures):
    assert day1.global_figure(figures, "people_working_in_asm", year=2023) == 44_670_000
    assert day1.global_figure(figures, "people_working_in_asm", year=2019,
                              area="Sub-Saharan Africa") == 10_000_000


def test_global_figure_refuses_to_choose_between_several_figures_and_lists_their_years(figures):
    with pytest.raises(ValueError, match="1993, 1999, 2014, 2017, 2019, 2023"):
        day1.global_figure(figures, "people_working_in_asm")


def test_global_figure_says_when_a_figure_is_missing_or_only_a_range(figures):
    with pytest.raises(ValueError, match="no figure"):
        day1.global_figure(figures, "people_working_in_asm", year=1800)
    with pytest.raises(ValueError, match="range"):
        day1.global_figure(figures, "sand_and_gravel_extraction", year=2019)
    i18n.set_language("fr")
    with pytest.raises(ValueError, match="fourchette"):
        day1.global_figure(figures, "sand_and_gravel_extraction", year=2019)


def test_income_by_source_averages_each_source_per_household_and_adds_a_total(survey):
    income = day1.income_by_source(survey)
    gold = survey[survey["community"] == "gold_sud_ouest"]
    assert income.loc["gold_sud_ouest", "mining"] == round(gold["income_mining_fcfa"].mean())
    sources = list(day1.INCOME_SOURCES)
    assert income["total"].tolist() == pytest.approx(income[sources].sum(axis=1).tolist(), abs=3)


def test_mining_share_is_taken_over_the_groups_whole_income_not_averaged_per_household():
    small = households([
        {"income_mining_fcfa": 100, "income_farming_fcfa": 0},     # 100 % from mining
        {"income_mining_fcfa": 100, "income_farming_fcfa": 900},   # 10 % from mining
    ])
    summary = day1.household_income_summary(small)
    assert summary.loc["gold_sud_ouest", "mining_share_percent"] == 18.2  # 200 of 1,100, not 55
    assert summary.loc["gold_sud_ouest", "mostly_mining_percent"] == 50.0
    assert summary.loc["gold_sud_ouest", "households"] == 2


def test_a_household_without_income_has_no_share_rather_than_zero():
    small = households([{"income_mining_fcfa": 600, "income_trade_fcfa": 400}, {}])
    summary = day1.household_income_summary(small)
    assert summary.loc["gold_sud_ouest", "mostly_mining_percent"] == 100.0  # 1 of 1 with an income


def test_income_summary_groups_by_community_and_gender_of_the_head(survey):
    summary = day1.household_income_summary(survey, by=["community", "head_gender"])
    assert summary["households"].sum() == len(survey)
    assert set(summary.index) == {(c, g) for c in ("gold_sud_ouest", "sand_oueme_lagoon")
                                  for g in ("female", "male")}


def test_the_twelve_months_of_the_calendar_add_up_to_the_yearly_income(survey):
    calendar = day1.seasonal_calendar_table(data.load("household_monthly_income"), survey)
    assert len(calendar) == 24
    yearly = day1.income_by_source(survey)
    twelve_months = calendar.groupby(level="community").sum()
    for source in day1.INCOME_SOURCES:
        assert twelve_months[source].tolist() == pytest.approx(yearly[source].tolist(), abs=12)


def test_calendar_refuses_months_of_households_not_in_the_survey(survey):
    stray = pd.DataFrame({"household_id": ["XX-1"], "month": [1], "source": ["mining"], "income_fcfa": [10]})
    with pytest.raises(ValueError, match="XX-1"):
        day1.seasonal_calendar_table(stray, survey)


def test_task_roles_leave_out_households_where_nobody_does_the_task():
    small = households([
        {"processing_done_by": "women"}, {"processing_done_by": "women"},
        {"processing_done_by": "men"}, {"processing_done_by": "nobody"},
    ])
    processing = day1.task_roles(small).loc[("gold_sud_ouest", "processing")]
    assert (processing["women"], processing["men"], processing["both"]) == (66.7, 33.3, 0.0)
    assert processing["households"] == 3


def test_task_roles_add_up_to_one_hundred_percent(survey):
    roles = day1.task_roles(survey)
    assert roles[list(day1.WHO)].sum(axis=1).tolist() == pytest.approx([100] * len(roles), abs=0.2)


def test_years_not_given_are_left_out_of_the_median_not_counted_as_zero():
    small = households([{"years_in_place": 10}, {"years_in_place": 20}, {"years_in_place": None},
                        {"years_in_place": None, "migrant": True}])
    summary = day1.migration_summary(small).loc["gold_sud_ouest"]
    assert summary["median_years_in_place"] == 15  # with zeros it would be 5
    assert summary["years_not_given"] == 2
    assert summary["migrant_percent"] == 25.0


def test_ratio_is_computed_only_where_mercury_and_gold_are_both_published():
    ratios = day1.ratio_where_published(data.load("burkina_mercury_baseline"))
    assert list(ratios.index) == ["Centre-Nord", "Est", "Sud-Ouest"]
    assert ratios.loc["Sud-Ouest", "computed_ratio"] == ratios.loc["Sud-Ouest", "published_ratio"] == 2.37
    assert ratios.loc["Centre-Nord", "computed_ratio"] == 1.5
    assert pd.isna(ratios.loc["Est", "published_ratio"])


def test_filling_missing_values_with_zero_changes_the_count_and_the_average_not_the_total():
    mercury = data.load("burkina_mercury_baseline")["hg_use_kg_per_year"]
    compared = day1.compare_missing_with_zero(mercury)
    assert compared.loc["values_counted"].tolist() == [4, 13]
    assert compared.loc["total"].tolist() == [53018, 53018]
    assert compared.loc["average"].tolist() == [13254.5, 4078.3]


def test_sand_methods_summary_compares_diving_and_dredging_only():
    visits = data.load("site_visits")
    summary = day1.sand_methods_summary(visits)
    assert list(summary.index) == ["manual_diving", "mechanised_dredging"]
    sand = visits[visits["mineral"] == "sand"]
    assert summary["visits"].sum() == len(sand)
    diving = sand[sand["extraction_method"] == "manual_diving"]
    expected = (diving["sand_gravel_m3_per_month"] / diving["workers_total"]).median()
    assert summary.loc["manual_diving", "median_m3_per_worker"] == round(float(expected), 1)
