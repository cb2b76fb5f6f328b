"""The mercury estimate (plain functions) and the MercuryEstimator widget over it."""

import html
import json
import math

import pytest

from asm_workshop import data, i18n
from asm_workshop.mercury import (
    ASSUMPTIONS_FOR_DISCUSSION,
    MAXIMUM_RATIO,
    TECHNIQUES,
    compare_with_published,
    estimate_by_technique,
    estimate_mercury,
    regional_baseline,
)
from asm_workshop.widgets.mercury import MercuryEstimator, technique_chart

KEY = "day1.mercury_estimate"


@pytest.fixture(scope="module")
def baseline():
    return data.load("burkina_mercury_baseline")


OPEN = []


@pytest.fixture(autouse=True)
def close_estimators():
    """Close every estimator a test made: a live one redraws its chart at each language change."""
    yield
    while OPEN:
        OPEN.pop().close()


def estimator(folder, baseline, region="Sud-Ouest", key=KEY):
    OPEN.append(MercuryEstimator(key, baseline, region=region, folder=folder))
    return OPEN[-1]


def version(path):
    """Which write of the file this is: os.replace gives every save a new inode."""
    status = path.stat()
    return status.st_ino, status.st_mtime_ns


def saved(folder):
    return json.loads((folder / f"{KEY}.json").read_text(encoding="utf-8"))["value"]


# The plain functions ---------------------------------------------------------------------------

def test_mercury_used_is_gold_times_ratio_and_released_is_the_share_of_it():
    estimate = estimate_mercury(8605, 2.37, 0.5)
    assert estimate.mercury_used_kg_per_year == pytest.approx(20393.85)
    assert estimate.mercury_released_kg_per_year == pytest.approx(20393.85 / 2)
    inputs = (estimate.gold_kg_per_year, estimate.mercury_to_gold_ratio, estimate.released_share)
    assert inputs == (8605, 2.37, 0.5)


def test_published_sud_ouest_ratio_gives_back_its_published_mercury_use(baseline):
    sud_ouest = regional_baseline(baseline, "Sud-Ouest")
    estimate = estimate_mercury(sud_ouest.gold_output_kg_per_year, sud_ouest.published_ratio)
    assert estimate.mercury_used_kg_per_year == pytest.approx(sud_ouest.mercury_use_kg_per_year, abs=1)


def test_the_released_share_defaults_to_the_labelled_assumption_not_a_hidden_number():
    assert estimate_mercury(100, 2).released_share == ASSUMPTIONS_FOR_DISCUSSION.released_share == 1.0


def test_every_technique_is_estimated_from_the_assumptions_unless_given():
    estimates = estimate_by_technique(1000, {"concentrate_amalgamation": 1.5}, released_share=0.4)
    assert list(estimates) == list(TECHNIQUES)
    assert estimates["whole_ore_amalgamation"].mercury_to_gold_ratio == (
        ASSUMPTIONS_FOR_DISCUSSION.mercury_to_gold_ratio["whole_ore_amalgamation"])
    assert estimates["concentrate_amalgamation"].mercury_used_kg_per_year == pytest.approx(1500)
    assert estimates["concentrate_amalgamation"].mercury_released_kg_per_year == pytest.approx(600)
    assert estimates["mercury_free"].mercury_used_kg_per_year == 0


def test_whole_ore_is_assumed_to_use_more_mercury_than_concentrate_amalgamation():
    ratios = ASSUMPTIONS_FOR_DISCUSSION.mercury_to_gold_ratio
    assert ratios["whole_ore_amalgamation"] > ratios["concentrate_amalgamation"] > ratios["mercury_free"] == 0


def test_the_assumptions_cannot_be_changed_by_accident():
    with pytest.raises(TypeError):
        ASSUMPTIONS_FOR_DISCUSSION.mercury_to_gold_ratio["mercury_free"] = 1.0


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ((-1, 2.0), "cannot be negative"),
        ((float("nan"), 2.0), "must be a number of kilograms"),
        (("8605", 2.0), "must be a number of kilograms"),
        ((True, 2.0), "must be a number of kilograms"),
        ((100, -0.1), "not plausible"),
        ((100, MAXIMUM_RATIO + 1), "not plausible"),
        ((100, float("inf")), "must be a number"),
        ((100, 2.0, 1.5), "from 0 (none) to 1 (all of it)"),
        ((100, 2.0, -0.1), "from 0 (none) to 1 (all of it)"),
    ],
)
def test_impossible_inputs_are_refused_with_a_clear_message(arguments, message):
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        estimate_mercury(*arguments)


def test_limits_themselves_are_accepted():
    assert estimate_mercury(0, 0, 0).mercury_used_kg_per_year == 0
    assert estimate_mercury(1, MAXIMUM_RATIO, 1).mercury_released_kg_per_year == MAXIMUM_RATIO


def test_messages_come_in_french():
    i18n.set_language("fr")
    with pytest.raises(ValueError, match="ne peut pas être négative"):
        estimate_mercury(-5, 2)
    with pytest.raises(ValueError, match="n'est pas plausible"):
        estimate_mercury(5, 80)
    with pytest.raises(ValueError, match="n'est pas une technique"):
        estimate_mercury(5, 2, technique="cyanidation")


def test_a_region_without_published_figures_gives_none_never_zero(baseline):
    cascades = regional_baseline(baseline, "Cascades")
    assert cascades.published_ratio is None and cascades.gold_output_kg_per_year is None
    assert cascades.mercury_use_kg_per_year is None and cascades.computed_ratio is None
    hauts_bassins = regional_baseline(baseline, "Hauts-Bassins")
    assert hauts_bassins.published_ratio == 2.31 and hauts_bassins.gold_output_kg_per_year is None


def test_a_ratio_is_computed_only_where_mercury_and_gold_are_both_published(baseline):
    centre_nord = regional_baseline(baseline, "Centre-Nord")
    assert centre_nord.published_ratio is None
    assert centre_nord.computed_ratio == pytest.approx(13649 / 9100)


def test_an_unknown_region_is_refused_naming_the_regions(baseline):
    with pytest.raises(ValueError, match="no region \"Sud Ouest\".*Sud-Ouest"):
        regional_baseline(baseline, "Sud Ouest")


def test_a_table_that_is_not_the_baseline_is_refused():
    with pytest.raises(ValueError, match="hg_to_au_ratio"):
        regional_baseline(data.load("site_visits"), "Sud-Ouest")


def test_comparison_gives_the_difference_or_none_when_nothing_is_published(baseline):
    estimate = estimate_mercury(1000, 3.0)
    sud_ouest = compare_with_published(estimate, baseline, "Sud-Ouest")
    assert sud_ouest.published_ratio == 2.37 and sud_ouest.difference == pytest.approx(0.63)
    assert sud_ouest.mercury_used_at_published_ratio_kg_per_year == pytest.approx(2370)
    est = compare_with_published(estimate, baseline, "Est")
    assert est.published_ratio is None and est.difference is None
    assert est.mercury_used_at_published_ratio_kg_per_year is None


def test_chart_has_a_bar_pair_per_technique_and_the_published_ratio_only_where_published(baseline):
    estimates = estimate_by_technique(1000)
    with_ratio = technique_chart(estimates, published=regional_baseline(baseline, "Sud-Ouest"))
    heights = sorted(round(bar.get_height()) for bar in with_ratio.axes[0].patches)
    assert heights == [0, 0, 1000, 1000, 2370, 3000, 3000]
    without = technique_chart(estimates, published=regional_baseline(baseline, "Est"))
    assert len(without.axes[0].patches) == 6
    assert "no published ratio" in without.axes[0].get_title()


# The widget -------------------------------------------------------------------------------------

def test_estimator_starts_from_the_published_gold_output_and_shows_the_published_ratio(tmp_path, baseline):
    tool = estimator(tmp_path, baseline)
    assert tool.gold.value == "8605"
    assert tool.value["gold_kg_per_year"] == 8605 and tool.value["published_ratio"] == 2.37
    assert tool.value["mercury_used_kg_per_year"] == pytest.approx(8605 * 3.0)
    assert "Mercury used: 25,815 kg a year" in tool._result.value
    assert "Published ratio for Sud-Ouest" in tool._comparison.value
    assert "ecoburkina" in tool._comparison.value
    assert bytes(tool.chart.value).startswith(b"\x89PNG")
    assert "assumptions for discussion, not published figures" in tool._assumption_note.value
    assert not (tmp_path / f"{KEY}.json").exists(), "nothing is saved before the participant acts"


def test_typing_a_gold_output_updates_the_result_and_saves_it(tmp_path, baseline):
    tool = estimator(tmp_path, baseline)
    chart_before = tool.chart.value
    tool.gold.value = "1000"
    assert "Mercury used: 3,000 kg a year" in tool._result.value
    assert tool.chart.value != chart_before
    assert saved(tmp_path)["gold_kg_per_year"] == 1000
    assert saved(tmp_path)["mercury_used_kg_per_year"] == pytest.approx(3000)


def test_choosing_a_technique_brings_its_assumed_ratio(tmp_path, baseline):
    tool = estimator(tmp_path, baseline)
    tool.technique.value = "concentrate_amalgamation"
    assert tool.ratio.value == "1" and tool.value["mercury_to_gold_ratio"] == 1.0
    tool.technique.value = "mercury_free"
    assert tool.value["mercury_used_kg_per_year"] == 0
    assert saved(tmp_path)["technique"] == "mercury_free"


def test_share_released_changes_only_the_mercury_released(tmp_path, baseline):
    tool = estimator(tmp_path, baseline)
    tool.share.value = 0.5
    assert tool.value["mercury_used_kg_per_year"] == pytest.approx(25815)
    assert saved(tmp_path)["mercury_released_kg_per_year"] == pytest.approx(25815 / 2)


@pytest.mark.parametrize(("field", "text", "message"), [
    ("gold", "-5", "cannot be negative"),
    ("gold", "", "Enter a number"),
    ("gold", "8,605", "two ways"),
    ("ratio", "60", "not plausible"),
    ("ratio", "beaucoup", "not a number"),
])
def test_bad_input_is_shown_next_to_its_field_and_the_saved_answer_is_kept(tmp_path, baseline, field, text,
                                                                          message):
    tool = estimator(tmp_path, baseline)
    tool.gold.value = "1000"
    before = version(tmp_path / f"{KEY}.json")
    getattr(tool, field).value = text
    assert message in tool.problem(field)
    assert tool.value["gold_kg_per_year"] == 1000 and tool.value["mercury_to_gold_ratio"] == 3.0
    assert version(tmp_path / f"{KEY}.json") == before
    getattr(tool, field).value = "2"
    assert tool.problem(field) == ""


def test_running_the_cell_again_restores_the_answer_without_rewriting_it(tmp_path, baseline):
    tool = estimator(tmp_path, baseline)
    tool.technique.value = "concentrate_amalgamation"
    tool.ratio.value = "1,2"
    tool.gold.value = "9000"
    tool.share.value = 0.25
    before = version(tmp_path / f"{KEY}.json")
    again = estimator(tmp_path, baseline)
    assert again.value == tool.value
    assert again.ratio.value == "1.2" and again.technique.value == "concentrate_amalgamation"
    assert version(tmp_path / f"{KEY}.json") == before


def test_set_inputs_checks_everything_before_changing_anything(tmp_path, baseline):
    tool = estimator(tmp_path, baseline)
    with pytest.raises(ValueError, match="not plausible"):
        tool.set_inputs(gold_kg_per_year=10, mercury_to_gold_ratio=99)
    assert tool.value["gold_kg_per_year"] == 8605
    tool.set_inputs(gold_kg_per_year=10, technique="concentrate_amalgamation")
    assert tool.value["mercury_used_kg_per_year"] == pytest.approx(10)


def test_a_region_without_published_gold_output_asks_for_it_and_says_missing_not_zero(tmp_path, baseline):
    tool = estimator(tmp_path, baseline, region="Hauts-Bassins")
    assert tool.gold.value == "" and tool.value["gold_kg_per_year"] is None
    assert tool.value["mercury_used_kg_per_year"] is None
    assert "missing, not zero" in tool._result.value
    assert tool.chart.layout.display == "none"
    tool.gold.value = "500"
    assert tool.value["mercury_used_kg_per_year"] == pytest.approx(1500)
    assert "2.31" in tool._comparison.value


def test_a_region_without_published_ratio_says_so_and_shows_our_arithmetic_apart(tmp_path, baseline):
    tool = estimator(tmp_path, baseline, region="Centre-Nord")
    assert tool.value["published_ratio"] is None
    assert "no published mercury to gold ratio: the value is missing, not zero" in tool._comparison.value
    assert "our arithmetic, not a published ratio" in tool._comparison.value


def test_without_a_baseline_the_estimator_still_works(tmp_path):
    tool = estimator(tmp_path, None, region=None, key="day1.free")
    assert tool.value["region"] is None and tool.value["gold_kg_per_year"] is None
    tool.gold.value = "10"
    assert tool.value["mercury_used_kg_per_year"] == pytest.approx(30)


def test_a_saved_answer_for_another_region_is_set_aside_with_a_message(tmp_path, baseline):
    estimator(tmp_path, baseline).gold.value = "1000"
    tool = estimator(tmp_path, baseline, region="Est")
    assert tool.value["gold_kg_per_year"] == 7944
    assert "Sud-Ouest" in tool.status.value and (tmp_path / f"{KEY}.json.bak").exists()


def test_a_saved_answer_with_an_impossible_ratio_is_set_aside(tmp_path, baseline):
    value = {**estimator(tmp_path, baseline).value, "mercury_to_gold_ratio": -3}
    (tmp_path / f"{KEY}.json").write_text(json.dumps({"format": 1, "key": KEY, "value": value}))
    tool = estimator(tmp_path, baseline)
    assert tool.value["mercury_to_gold_ratio"] == 3.0 and "not plausible" in tool.status.value


def test_switching_to_french_relabels_and_keeps_the_answer_without_saving(tmp_path, baseline):
    tool = estimator(tmp_path, baseline)
    tool.technique.value = "concentrate_amalgamation"
    before = version(tmp_path / f"{KEY}.json")
    i18n.set_language("fr")
    assert "Production d'or (kg/an)" in html.unescape(tool._gold_label.value)
    assert tool.technique.options[1] == ("Amalgamation du concentré", "concentrate_amalgamation")
    assert tool.technique.value == "concentrate_amalgamation"
    assert "Mercure utilisé : 8\u202f605 kg par an" in tool._result.value
    assert "hypothèses de discussion" in tool._assumption_note.value
    assert version(tmp_path / f"{KEY}.json") == before
    tool.ratio.value = "2,5"
    assert saved(tmp_path)["mercury_to_gold_ratio"] == 2.5
    tool.gold.value = "-1"
    assert "ne peut pas être négative" in tool.problem("gold")


def test_answers_are_plain_json_numbers(tmp_path, baseline):
    tool = estimator(tmp_path, baseline)
    tool.gold.value = "1234.5"
    value = saved(tmp_path)
    assert value == json.loads(json.dumps(tool.value))
    assert all(v is None or isinstance(v, (str, float, int)) for v in value.values())
    assert not any(isinstance(v, float) and math.isnan(v) for v in value.values())
