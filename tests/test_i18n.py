import pytest

from asm_workshop import i18n
from asm_workshop.checks import catalog_problems


def test_every_message_exists_in_english_and_french_with_the_same_fields():
    assert catalog_problems() == []


def test_set_language_switches_messages():
    assert i18n.t("quiz.correct") == "Correct."
    i18n.set_language("fr")
    assert i18n.t("quiz.correct") == "Bonne réponse."


def test_unknown_language_is_refused_in_the_current_language():
    i18n.set_language("fr")
    with pytest.raises(ValueError, match="Langue inconnue « de »"):
        i18n.set_language("de")
    assert i18n.get_language() == "fr"


def test_unknown_key_names_the_key():
    with pytest.raises(KeyError, match="quiz.nonexistent"):
        i18n.t("quiz.nonexistent")


def test_localize_takes_plain_text_or_one_text_per_language():
    text = {"en": "Gold", "fr": "Or"}
    assert i18n.localize("Sand") == "Sand"
    assert i18n.localize(text) == "Gold"
    i18n.set_language("fr")
    assert i18n.localize(text) == "Or"
    assert i18n.localize({"en": "Only English"}) == "Only English"


def test_listeners_hear_language_changes_until_stopped():
    heard = []

    def listener():
        heard.append(i18n.get_language())

    stop = i18n.on_language_change(listener)
    i18n.set_language("fr")
    stop()
    i18n.set_language("en")
    assert heard == ["fr"]


def test_catalog_problems_catches_a_missing_translation(monkeypatch):
    broken = {**i18n.catalog(), "quiz.broken": {"en": "Only English {count}", "fr": ""}}
    monkeypatch.setattr("asm_workshop.checks.catalog", lambda: broken)
    assert catalog_problems() == ["message 'quiz.broken' has no text in: fr"]


def test_catalog_problems_catches_fields_that_differ(monkeypatch):
    broken = {**i18n.catalog(), "quiz.broken": {"en": "{count} left", "fr": "{nombre} restants"}}
    monkeypatch.setattr("asm_workshop.checks.catalog", lambda: broken)
    assert len(catalog_problems()) == 1


def test_a_listening_object_can_still_be_garbage_collected():
    import gc
    import weakref

    class Label:
        def relabel(self):
            pass

    label = Label()
    i18n.on_language_change(label.relabel)
    gone = weakref.ref(label)
    del label
    gc.collect()
    assert gone() is None
    i18n.set_language("fr")  # a dead listener is dropped, not called


def test_amounts_are_written_the_way_each_language_writes_them():
    assert i18n.format_number(1234567.5, 1) == "1,234,567.5"
    i18n.set_language("fr")
    assert i18n.format_number(1234567.5, 1) == "1\u202f234\u202f567,5"
