"""The Day 2 lesson tables and charts: right bases for shares, no overlapping periods, clear refusals."""

import pandas as pd
import pytest
from matplotlib.figure import Figure

from asm_workshop import data, day2, i18n
from asm_workshop.rehabilitation import cost_per_hectare


def visits(rows):
    base = {"mineral": "gold", "extraction_method": "shaft", "workers_total": 10, "women_count": 0,
            "children_present": False}
    frame = pd.DataFrame([{**base, **row} for row in rows])
    frame["workers_total"] = frame["workers_total"].astype("Int64")
    frame["women_count"] = frame["women_count"].astype("Int64")
    frame["children_present"] = frame["children_present"].astype("boolean")
    return frame


def test_rights_sorting_counts_right_wrong_and_unsorted_actors():
    result = day2.check_rights_sorting({"aneemas": "duty_bearer", "diggers": "duty_bearer",
                                        "sand_divers": "rights_holder"})
    assert result.right == ["sand_divers", "aneemas"]
    assert result.wrong == ["diggers"]
    assert len(result.unsorted) == len(day2.SORTING_ACTORS) - 3
    assert result.score == 2
    table = result.table()
    assert table.loc["diggers", "right"] is False
    assert "expected" not in table.columns  # the table must not give the answers away
    assert table.loc["gendarmerie", "right"] is None
    assert table.loc["gendarmerie", "your_answer"] == "not sorted yet"


def test_the_reference_sorting_scores_every_actor():
    reference = {actor: role for actor, (_, role) in day2.SORTING_ACTORS.items()}
    assert day2.check_rights_sorting(reference).score == len(day2.SORTING_ACTORS)
    assert set(reference.values()) == set(day2.ROLES)


def test_rights_sorting_refuses_unknown_actors_and_sides_in_the_participants_language():
    with pytest.raises(day2.Day2Error, match="not one of the actors"):
        day2.check_rights_sorting({"mayor_of_paris": "duty_bearer"})
    i18n.set_language("fr")
    with pytest.raises(day2.Day2Error, match="n'est pas un côté possible"):
        day2.check_rights_sorting({"aneemas": "duty bearer"})


def test_women_percent_is_taken_over_all_workers_of_the_group_not_averaged_per_visit():
    summary = day2.women_at_sites(visits([
        {"workers_total": 100, "women_count": 50, "children_present": True},
        {"workers_total": 10, "women_count": 0},
    ]))
    row = summary.loc[("gold", "shaft")]
    assert row["workers"] == 110 and row["women"] == 50
    assert row["women_percent"] == pytest.approx(45.5)  # 50/110, not the mean of 50 % and 0 %
    assert row["visits_with_children_percent"] == 50.0


def test_a_visit_without_a_count_of_women_is_left_out_of_the_share_not_counted_as_zero_women():
    summary = day2.women_at_sites(visits([
        {"workers_total": 20, "women_count": 10},
        {"workers_total": 30, "women_count": None},
    ]), by="mineral")
    assert summary.loc["gold", "visits"] == 2
    assert summary.loc["gold", "workers"] == 20
    assert summary.loc["gold", "women_percent"] == 50.0  # not 10 of 50 workers


def test_women_at_sites_names_missing_columns():
    with pytest.raises(day2.Day2Error, match="women_count"):
        day2.women_at_sites(pd.DataFrame({"mineral": ["gold"], "extraction_method": ["shaft"],
                                          "workers_total": [3], "children_present": [False]}))


def test_women_at_sites_on_the_synthetic_visits_shows_diving_is_mostly_mens_work():
    summary = day2.women_at_sites(data.load("site_visits"))
    assert summary.loc[("sand", "manual_diving"), "women_percent"] < 15
    assert summary.loc[("gravel", "manual_quarrying"), "women_percent"] > 50


def test_finest_periods_keeps_only_periods_that_do_not_overlap():
    fairmined = data.load("fairmined_premium_and_sales")
    premium = day2.finest_periods(fairmined, "premium_paid")
    assert premium["period"].tolist() == ["2014-2015", "2016", "2017", "2018"]
    assert premium["value"].sum() == pytest.approx(3_648_729)
    with pytest.raises(day2.Day2Error, match="premium_paid"):
        day2.finest_periods(fairmined, "silver_sold")


def test_frm_pilot_ratios_use_the_published_figures():
    ratios = day2.frm_pilot_ratios(data.load("frm_pilots"))
    assert ratios.loc["2014", "hectares_per_site"] == pytest.approx(9.2)
    assert ratios.loc["2014-2015", "hectares_per_site"] == pytest.approx(8.5)
    assert ratios.loc["2014", "hectares_per_miner_at_most"] == pytest.approx(0.21)


def test_charts_are_figures_left_off_pyplot():
    import matplotlib.pyplot as plt

    before = len(plt.get_fignums())
    log = data.load("rehabilitation_site_log")
    costs = cost_per_hectare(log)
    costs.loc[0, "cost_fcfa_per_ha"] = float("nan")  # a site with no cost is written, not drawn as 0
    charts = [
        day2.women_at_sites_chart(day2.women_at_sites(data.load("site_visits"))),
        day2.fairmined_premium_chart(data.load("fairmined_premium_and_sales")),
        day2.frm_pilots_chart(data.load("frm_pilots")),
        day2.site_costs_chart(costs, ["RH-BF-07"]),
    ]
    assert all(isinstance(chart, Figure) for chart in charts)
    assert len(plt.get_fignums()) == before
    texts = [text.get_text() for text in charts[3].axes[0].texts]
    assert "no cost recorded" in texts


def chart_texts(figure) -> list[str]:
    """Every text a chart shows: titles, axis labels, ticks, legends and texts drawn in it."""
    found = [figure._suptitle.get_text()] if figure._suptitle else []
    for axes in figure.axes:
        found += [axes.get_title(), axes.get_xlabel(), axes.get_ylabel()]
        found += [label.get_text() for label in axes.get_xticklabels() + axes.get_yticklabels()]
        found += [text.get_text() for text in axes.texts]
        if axes.get_legend():
            found += [text.get_text() for text in axes.get_legend().get_texts()]
    return [text for text in found if text]


def day2_charts():
    costs = cost_per_hectare(data.load("rehabilitation_site_log"))
    costs.loc[0, "cost_fcfa_per_ha"] = float("nan")
    return [
        day2.women_at_sites_chart(day2.women_at_sites(data.load("site_visits"))),
        day2.fairmined_premium_chart(data.load("fairmined_premium_and_sales")),
        day2.frm_pilots_chart(data.load("frm_pilots")),
        day2.site_costs_chart(costs, ["RH-BF-07"]),
    ]


def test_the_day2_charts_are_drawn_in_french_in_a_french_lesson():
    english = [chart_texts(chart) for chart in day2_charts()]
    i18n.set_language("fr")
    french = [chart_texts(chart) for chart in day2_charts()]
    catalog = i18n.catalog()
    words = {key: texts["en"] for key, texts in catalog.items() if key.startswith("day2.chart.")}
    blank = {"note": "", "total": "", "period": "", "year": ""}
    english_lines = [line for text in words.values() for line in text.format(**blank).split("\n")
                     if len(line) > 4]
    for french_texts in french:
        assert [text for text in french_texts if any(line in text for line in english_lines)] == []
    assert french != english
    assert any("Prime Fairmined versée" in text for text in french[1])
    assert "aucun coût enregistré" in french[3]
    assert any("3\u202f665\u202f929" in text for text in french[1])  # French digit grouping


def test_influence_in_words_names_the_hubs_go_betweens_and_the_isolated_actor():
    from asm_workshop import stakeholders

    summary = stakeholders.influence_summary(stakeholders.case_actors("burkina_gold"),
                                             stakeholders.case_links("burkina_gold"))
    words = day2.influence_in_words(summary)
    assert "Chef de site" in words and "(with 7, 6, 5 links)" in words
    assert "No link at all: Agriculteurs riverains." in words
    i18n.set_language("fr")
    assert "Aucun lien : Agriculteurs riverains." in day2.influence_in_words(summary)


def test_influence_in_words_says_when_nobody_is_isolated():
    from asm_workshop import stakeholders

    link = {"source": "A", "target": "B", "link_type": "money"}
    summary = stakeholders.influence_summary(["A", "B"], [link])
    assert day2.influence_in_words(summary).endswith("Every actor has at least one link.")


def test_the_actors_to_sort_read_in_the_readers_language():
    english = day2.check_rights_sorting({}).table()["actor"].tolist()
    i18n.set_language("fr")
    french = day2.check_rights_sorting({}).table()["actor"].tolist()
    assert french[0] == "Les femmes qui concassent et lavent le minerai d'or dans le Sud-Ouest"
    assert len(set(french) & set(english)) == 0
