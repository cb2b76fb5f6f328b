"""Ways to engage: the situations, their best approach, the reasons for every choice, and scoring."""

import pytest

from asm_workshop import engagement, i18n
from asm_workshop.engagement import (
    ACTORS,
    APPROACHES,
    SCENARIO_IDS,
    SECURITY_LEVELS,
    TRUST_LEVELS,
    EngagementError,
    best_approach,
    feedback,
    scenarios,
    score_choices,
)
from asm_workshop.errors import CaseError

# The answer key, written out again here so that a change to it is a decision, not an accident:
# the Day 3 graded exercise and its reference answers depend on it.
EXPECTED_BEST = {
    "bf_new_rush_site": "embedded_engagement",
    "bf_association_asks_mercury_free": "technical_training",
    "bf_insecure_amalgam_burning": "communication_campaign",
    "bf_women_processors_left_out": "embedded_engagement",
    "bj_night_loading_ban": "communication_campaign",
    "bj_quarry_restoration_request": "technical_training",
    "bj_coastal_lagoon_dredging_conflict": "embedded_engagement",
    "bj_aheme_divers_permit": "technical_training",
}


def test_the_situations_and_their_best_approach_stay_as_published():
    assert list(SCENARIO_IDS) == list(EXPECTED_BEST)
    assert {scenario_id: best_approach(scenario_id) for scenario_id in SCENARIO_IDS} == EXPECTED_BEST


def test_there_are_at_least_six_situations_set_in_both_cases():
    assert len(scenarios()) >= 6
    assert [s.id for s in scenarios("burkina_gold")] == [i for i in SCENARIO_IDS if i.startswith("bf_")]
    assert [s.id for s in scenarios("benin_sand")] == [i for i in SCENARIO_IDS if i.startswith("bj_")]
    assert len(scenarios("burkina_gold")) >= 3 and len(scenarios("benin_sand")) >= 3


def test_every_approach_is_best_somewhere_so_the_quiz_has_no_one_safe_answer():
    best = [best_approach(scenario_id) for scenario_id in SCENARIO_IDS]
    assert all(best.count(approach) >= 2 for approach in APPROACHES)
    for case in ("burkina_gold", "benin_sand"):
        assert {best_approach(s.id) for s in scenarios(case)} == set(APPROACHES)


def test_every_situation_says_trust_security_who_is_there_and_what_the_cso_offers():
    for scenario in scenarios():
        assert scenario.trust in TRUST_LEVELS and scenario.security in SECURITY_LEVELS
        assert scenario.present and set(scenario.present) <= set(ACTORS)
        assert scenario.title and len(scenario.situation) > 150 and scenario.offer
        assert scenario.trust_label and scenario.security_label and all(scenario.present_labels)


def test_every_choice_has_its_own_reason_in_both_languages():
    for language in ("en", "fr"):
        i18n.set_language(language)
        for scenario_id in SCENARIO_IDS:
            reasons = [feedback(scenario_id, approach) for approach in APPROACHES]
            assert len(set(reasons)) == 3
            best = feedback(scenario_id, best_approach(scenario_id))
            assert best.startswith("Best choice." if language == "en" else "Meilleur choix.")
            others = [reason for reason in reasons if reason != best]
            assert not any(reason.startswith(("Best", "Meilleur")) for reason in others)


def test_feedback_follows_the_language():
    english = feedback("bj_night_loading_ban", "technical_training")
    i18n.set_language("fr")
    french = feedback("bj_night_loading_ban", "technical_training")
    assert english.startswith("Not the best here.") and french.startswith("Pas le meilleur choix ici.")
    assert scenarios("benin_sand")[0].title.startswith("Une nouvelle interdiction")


def test_score_counts_choices_that_match_the_best_approach():
    assert score_choices({}) == (0, 0)
    assert score_choices(EXPECTED_BEST) == (8, 8)
    choices = {"bj_night_loading_ban": "communication_campaign", "bf_new_rush_site": "technical_training"}
    assert score_choices(choices) == (1, 2)


def test_unknown_situations_approaches_and_cases_are_refused_naming_what_exists():
    with pytest.raises(EngagementError, match='There is no situation "bj_beach"'):
        best_approach("bj_beach")
    with pytest.raises(EngagementError, match='"lobbying" is not one of the approaches'):
        score_choices({"bj_night_loading_ban": "lobbying"})
    with pytest.raises(CaseError, match="ghana_gold") as caught:
        scenarios("ghana_gold")
    assert "burkina_gold, benin_sand" in str(caught.value)
    i18n.set_language("fr")
    with pytest.raises(EngagementError, match="« lobbying » ne fait pas partie des approches"):
        feedback("bj_night_loading_ban", "lobbying")


def test_choice_problems_checks_a_saved_answer():
    assert engagement.choice_problems({"bf_new_rush_site": "technical_training"}) is None
    assert "dict" in engagement.choice_problems(["bf_new_rush_site"])
    assert "bj_beach" in engagement.choice_problems({"bj_beach": "technical_training"})
    elsewhere = engagement.choice_problems({"bf_new_rush_site": "x"}, ["bj_night_loading_ban"])
    assert "bf_new_rush_site" in elsewhere


def test_the_tables_hold_no_answer_and_the_map_marks_wrong_choices():
    table = engagement.scenarios_table()
    assert list(table["scenario"]) == list(SCENARIO_IDS)
    assert not table.isin(APPROACHES).any().any(), "the situations table must not give the answers away"
    assert engagement.approaches_table().shape == (5, 3)
    figure = engagement.scenario_map({"bf_new_rush_site": "technical_training"})
    rings = [edge for collection in figure.axes[0].collections for edge in collection.get_edgecolors()]
    assert sum(tuple(edge[:3]) == (0, 0, 0) for edge in rings) == 1
