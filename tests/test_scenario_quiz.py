"""The scenario quiz widget: a choice per situation, feedback in learning mode, nothing given away
when graded, and the answer saved and restored through the answer store."""

import json

import pytest

from asm_workshop import i18n
from asm_workshop.engagement import APPROACHES, SCENARIO_IDS, EngagementError, best_approach
from asm_workshop.errors import CaseError
from asm_workshop.widgets import ScenarioQuiz

KEY = "day3_1.scenarios"


def saved(folder, key=KEY):
    return json.loads((folder / f"{key}.json").read_text(encoding="utf-8"))["value"]


def test_the_quiz_shows_every_situation_with_no_choice_made_and_saves_nothing(tmp_path):
    quiz = ScenarioQuiz(KEY, folder=tmp_path)
    assert [s.id for s in quiz.scenarios] == list(SCENARIO_IDS)
    assert quiz.value == {} and not (tmp_path / f"{KEY}.json").exists()
    assert all(radio.value is None for radio in quiz._choices.values())
    card = quiz._cards["bj_night_loading_ban"].value
    assert "Situation 5 of 8: A new ban on loading trucks at night in Mono" in card
    assert "Truck loaders" in card and "High" in card and "radio spots" in card
    assert "No situation answered yet." in quiz._score.value


def test_a_click_saves_the_choice_and_explains_it(tmp_path):
    quiz = ScenarioQuiz(KEY, case="benin_sand", folder=tmp_path)
    quiz._choices["bj_night_loading_ban"].value = "technical_training"  # what a click does
    assert saved(tmp_path) == {"bj_night_loading_ban": "technical_training"}
    shown = quiz._feedback["bj_night_loading_ban"].value
    assert "Not the best here. The loaders do not lack a skill" in shown and "asm-warning" in shown
    quiz._choices["bj_night_loading_ban"].value = "communication_campaign"
    assert "Best choice. The message is clear" in quiz._feedback["bj_night_loading_ban"].value
    quiz.choose("bj_aheme_divers_permit", "embedded_engagement")
    assert saved(tmp_path) == {"bj_night_loading_ban": "communication_campaign",
                               "bj_aheme_divers_permit": "embedded_engagement"}
    assert quiz.score == (1, 2)
    assert "1 of your 2 answers match the best approach (4 situations in all)." in quiz._score.value


def test_value_keeps_the_quiz_order_and_only_the_answered_situations(tmp_path):
    quiz = ScenarioQuiz(KEY, folder=tmp_path)
    quiz.choose("bj_aheme_divers_permit", "technical_training")
    quiz.choose("bf_new_rush_site", "embedded_engagement")
    assert list(quiz.value) == ["bf_new_rush_site", "bj_aheme_divers_permit"]
    quiz.choose("bf_new_rush_site", None)
    assert saved(tmp_path) == {"bj_aheme_divers_permit": "technical_training"}


def test_running_the_cell_again_restores_the_choices_and_their_feedback(tmp_path):
    ScenarioQuiz(KEY, folder=tmp_path).choose("bf_insecure_amalgam_burning", "embedded_engagement")
    before = (tmp_path / f"{KEY}.json").read_text(encoding="utf-8")
    again = ScenarioQuiz(KEY, folder=tmp_path)
    assert again.value == {"bf_insecure_amalgam_burning": "embedded_engagement"}
    assert "insecurity makes that dangerous" in again._feedback["bf_insecure_amalgam_burning"].value
    assert (tmp_path / f"{KEY}.json").read_text(encoding="utf-8") == before, "restoring writes nothing"


def test_an_unknown_approach_is_refused_beside_the_situation_in_english_and_french(tmp_path):
    quiz = ScenarioQuiz(KEY, folder=tmp_path)
    quiz.choose("bf_new_rush_site", "embedded_engagement")
    with pytest.raises(EngagementError, match='"lobbying" is not one of the approaches'):
        quiz.choose("bf_new_rush_site", "lobbying")
    assert "lobbying" in quiz.problem("bf_new_rush_site")
    assert saved(tmp_path) == {"bf_new_rush_site": "embedded_engagement"}, "nothing saved is lost"
    i18n.set_language("fr")
    with pytest.raises(EngagementError, match="« porte-à-porte » ne fait pas partie des approches"):
        quiz.choose("bf_new_rush_site", "porte-à-porte")
    assert "ne fait pas partie" in quiz.problem("bf_new_rush_site")
    quiz.choose("bf_new_rush_site", "technical_training")
    assert quiz.problem("bf_new_rush_site") == ""


def test_a_situation_not_in_the_quiz_is_refused(tmp_path):
    quiz = ScenarioQuiz(KEY, case="burkina_gold", folder=tmp_path)
    with pytest.raises(EngagementError, match='There is no situation "bj_night_loading_ban"'):
        quiz.choose("bj_night_loading_ban", "communication_campaign")


def test_the_quiz_can_show_chosen_situations_and_refuses_bad_lists(tmp_path):
    quiz = ScenarioQuiz(KEY, scenarios=["bj_aheme_divers_permit", "bf_new_rush_site"], folder=tmp_path)
    assert [s.id for s in quiz.scenarios] == ["bj_aheme_divers_permit", "bf_new_rush_site"]
    assert "Situation 1 of 2" in quiz._cards["bj_aheme_divers_permit"].value
    with pytest.raises(EngagementError, match='There is no situation "bj_beach"'):
        ScenarioQuiz(KEY, scenarios=["bj_beach"], folder=tmp_path)
    with pytest.raises(EngagementError, match="listed twice"):
        ScenarioQuiz(KEY, scenarios=["bf_new_rush_site", "bf_new_rush_site"], folder=tmp_path)
    with pytest.raises(EngagementError, match="no situation"):
        ScenarioQuiz(KEY, scenarios=[], folder=tmp_path)
    with pytest.raises(CaseError, match='There is no case study "togo_gold"'):
        ScenarioQuiz(KEY, case="togo_gold", folder=tmp_path)


def test_a_saved_answer_for_a_situation_the_quiz_does_not_show_is_set_aside(tmp_path):
    saved_answer = {"format": 1, "key": KEY, "value": {"bj_night_loading_ban": "communication_campaign"}}
    (tmp_path / f"{KEY}.json").write_text(json.dumps(saved_answer), encoding="utf-8")
    quiz = ScenarioQuiz(KEY, case="burkina_gold", folder=tmp_path)
    assert quiz.value == {}
    assert "bj_night_loading_ban" in quiz.status.value and f"{KEY}.json.bak" in quiz.status.value


def test_a_folder_that_cannot_be_written_still_lets_the_quiz_work(tmp_path):
    blocked = tmp_path / "answers"
    blocked.write_text("a file where the answers folder should be")
    quiz = ScenarioQuiz(KEY, folder=blocked)
    quiz.choose("bf_new_rush_site", "embedded_engagement")
    assert "Best choice" in quiz._feedback["bf_new_rush_site"].value
    assert "could not be saved" in quiz.status.value


def test_switching_to_french_relabels_situations_choices_and_feedback(tmp_path):
    quiz = ScenarioQuiz(KEY, folder=tmp_path)
    quiz.choose("bj_quarry_restoration_request", "technical_training")
    i18n.set_language("fr")
    radio = quiz._choices["bj_quarry_restoration_request"]
    assert ("Formation technique", "technical_training") in radio.options
    assert radio.value == "technical_training"
    assert "Meilleur choix" in quiz._feedback["bj_quarry_restoration_request"].value
    assert "Des chefs de carrière demandent" in quiz._cards["bj_quarry_restoration_request"].value
    assert quiz.value == {"bj_quarry_restoration_request": "technical_training"}
    assert saved(tmp_path) == quiz.value, "a language switch is not a change of answer"


def test_a_graded_quiz_never_shows_which_approach_is_best(tmp_path):
    quiz = ScenarioQuiz("day3.scenarios", graded=True, folder=tmp_path)
    for scenario_id in SCENARIO_IDS:
        best = best_approach(scenario_id)
        wrong = next(approach for approach in APPROACHES if approach != best)
        quiz.choose(scenario_id, best)
        right_shown = quiz._feedback[scenario_id].value + quiz._score.value
        quiz.choose(scenario_id, wrong)
        wrong_shown = quiz._feedback[scenario_id].value + quiz._score.value
        assert right_shown == wrong_shown, "the screen must not differ between a right and a wrong choice"
        assert "Best" not in right_shown and "Not the best" not in right_shown
    assert "will be checked when your trainer grades" in quiz._feedback["bf_new_rush_site"].value
    assert "8 of 8 situations answered" in quiz._score.value
    assert quiz.score is None
    assert "graded exercise" in quiz._help.value
    assert ScenarioQuiz("day3.scenarios", graded=True, folder=tmp_path).value == quiz.value
