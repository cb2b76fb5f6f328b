import json

import pytest

from asm_workshop import i18n
from asm_workshop.widgets import LanguagePicker, Quiz

CHOICES = {"benin": "Benin", "burkina_faso": "Burkina Faso", "ghana": "Ghana"}


def single(folder, **options):
    return Quiz("welcome.one", "Where is the sand case?", CHOICES, "benin", folder=folder, **options)


def several(folder):
    return Quiz("welcome.two", "Which countries?", CHOICES, ["benin", "burkina_faso"], folder=folder)


def test_unanswered_quiz_shows_no_feedback_and_saves_nothing(tmp_path):
    quiz = single(tmp_path)
    assert quiz.value == [] and not quiz.is_correct
    assert quiz._feedback.value == "" and not (tmp_path / "welcome.one.json").exists()


def test_a_click_saves_and_gives_feedback(tmp_path):
    quiz = single(tmp_path)
    quiz._radio.value = "ghana"  # what a participant's click does
    assert "Not quite" in quiz._feedback.value
    assert json.loads((tmp_path / "welcome.one.json").read_text())["value"] == ["ghana"]
    quiz._radio.value = "benin"
    assert "Correct" in quiz._feedback.value and quiz.is_correct


def test_explanation_shows_once_correct(tmp_path):
    quiz = single(tmp_path, explanation="Benin's case is sand and gravel.")
    quiz.select("benin")
    assert "sand and gravel" in quiz._feedback.value


def test_running_the_cell_again_restores_the_answer_without_rewriting_it(tmp_path):
    single(tmp_path).select("burkina_faso")
    saved = (tmp_path / "welcome.one.json").read_text()
    again = single(tmp_path)
    assert again.value == ["burkina_faso"] and "Not quite" in again._feedback.value
    assert (tmp_path / "welcome.one.json").read_text() == saved


def test_several_correct_choices_give_partial_feedback(tmp_path):
    quiz = several(tmp_path)
    quiz._boxes["benin"].value = True
    quiz._boxes["ghana"].value = True
    assert "1 of 2 correct choices, and 1 wrong" in quiz._feedback.value
    quiz._boxes["ghana"].value = False
    quiz._boxes["burkina_faso"].value = True
    assert quiz.is_correct and several(tmp_path).value == ["benin", "burkina_faso"]


def test_a_choice_that_does_not_exist_is_refused_and_loses_nothing(tmp_path):
    quiz = single(tmp_path)
    quiz.select("benin")
    with pytest.raises(ValueError, match="\"togo\" is not one of this question's choices"):
        quiz.select("togo")
    assert "togo" in quiz.problem("choice")
    assert quiz.value == ["benin"] and single(tmp_path).value == ["benin"]


def test_one_answer_question_refuses_two(tmp_path):
    with pytest.raises(ValueError, match="one answer only, not 2"):
        single(tmp_path).select("benin", "ghana")


def test_correct_choice_must_be_one_of_the_choices(tmp_path):
    with pytest.raises(ValueError, match="at least one correct choice"):
        Quiz("welcome.bad", "?", CHOICES, "togo", folder=tmp_path)


def test_saved_choice_that_no_longer_exists_is_set_aside_with_a_message(tmp_path):
    saved = {"format": 1, "key": "welcome.one", "value": ["togo"]}
    (tmp_path / "welcome.one.json").write_text(json.dumps(saved))
    quiz = single(tmp_path)
    assert quiz.value == []
    assert "togo" in quiz.status.value and "welcome.one.json.bak" in quiz.status.value


def test_folder_that_cannot_be_written_still_lets_the_quiz_work(tmp_path):
    blocked = tmp_path / "answers"
    blocked.write_text("a file where the answers folder should be")
    quiz = single(blocked)
    quiz.select("benin")
    assert quiz.is_correct and "Correct" in quiz._feedback.value
    assert "could not be saved" in quiz.status.value


def test_language_switch_relabels_a_quiz_on_screen(tmp_path):
    quiz = single(tmp_path)
    quiz.select("ghana")
    picker = LanguagePicker()
    picker.value = "fr"
    assert i18n.get_language() == "fr"
    assert "Pas tout à fait" in quiz._feedback.value and "Choisissez" in quiz._hint.value
    assert quiz.value == ["ghana"]


def test_author_text_can_be_given_in_both_languages(tmp_path):
    quiz = Quiz("welcome.bi", {"en": "Which?", "fr": "Lequel ?"}, {"or": {"en": "Gold", "fr": "Or"}},
                "or", folder=tmp_path)
    i18n.set_language("fr")
    assert "Lequel ?" in quiz._question.value and quiz._radio.options == (("Or", "or"),)


def test_graded_quiz_holds_no_answer_and_gives_no_right_or_wrong(tmp_path):
    quiz = Quiz("welcome.graded", "Which countries?", CHOICES, multiple=True, folder=tmp_path)
    quiz._boxes["ghana"].value = True
    assert "will be checked when your trainer grades" in quiz._feedback.value
    assert quiz.is_correct is None and quiz.correct == []
    assert Quiz("welcome.graded", "?", CHOICES, multiple=True, folder=tmp_path).value == ["ghana"]


WHY = {"ghana": "Ghana is not one of the workshop's cases.",
       "burkina_faso": "Burkina Faso's case is gold.",
       "benin": {"en": "Benin's case is sand and gravel.",
                 "fr": "Le cas du Bénin est le sable et le gravier."}}


def test_each_wrong_choice_says_why_it_is_wrong(tmp_path):
    quiz = single(tmp_path, feedback=WHY)
    quiz.select("ghana")
    assert "Not quite: Ghana is not one of the workshop&#x27;s cases. Try again." in quiz._feedback.value
    quiz.select("burkina_faso")
    assert "case is gold" in quiz._feedback.value and "Ghana" not in quiz._feedback.value
    quiz.select("benin")
    assert "Correct. Benin&#x27;s case is sand and gravel." in quiz._feedback.value


def test_choice_feedback_follows_the_language(tmp_path):
    quiz = single(tmp_path, feedback=WHY)
    quiz.select("benin")
    try:
        i18n.set_language("fr")
        assert "Le cas du Bénin est le sable et le gravier." in quiz._feedback.value
    finally:
        i18n.set_language("en")


def test_ticked_wrong_choices_say_why_in_a_quiz_with_several_answers(tmp_path):
    quiz = Quiz("welcome.two", "Which countries?", CHOICES, ["benin", "burkina_faso"], feedback=WHY,
                folder=tmp_path)
    quiz.select("benin", "ghana")
    assert "1 of 2 correct choices" in quiz._feedback.value and "Ghana is not one" in quiz._feedback.value


def test_feedback_for_a_choice_that_does_not_exist_is_refused(tmp_path):
    with pytest.raises(ValueError, match="mali"):
        single(tmp_path, feedback={"mali": "Mali is not a case."})


def test_a_graded_quiz_refuses_feedback_per_choice(tmp_path):
    # It would tell a participant which choice is right.
    with pytest.raises(ValueError, match="graded quiz"):
        Quiz("day1.graded", "Where?", CHOICES, feedback=WHY, folder=tmp_path)
