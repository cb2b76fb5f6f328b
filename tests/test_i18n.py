import pytest

from asm_workshop import i18n
from asm_workshop.checks import catalog_problems
from asm_workshop.errors import NumberError


def test_every_message_exists_in_english_and_french_with_the_same_fields():
    assert catalog_problems() == []


def test_set_language_switches_messages():
    assert i18n.t("quiz.correct") == "Correct."
    i18n.set_language("fr")
    assert i18n.t("quiz.correct") == "Bonne réponse."


def test_unknown_language_is_refused_in_the_current_language():
    i18n.set_language("fr")
    with pytest.raises(ValueError, match="Langue inconnue « de »"):
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


# Numbers in the reader's language ------------------------------------------------------------

def test_amounts_are_written_the_way_each_language_writes_them():
    assert i18n.format_number(1234567.5, 1) == "1,234,567.5"
    assert i18n.format_number(20393.85) == "20,394"
    i18n.set_language("fr")
    assert i18n.format_number(1234567.5, 1) == "1\u202f234\u202f567,5"
    assert i18n.format_number(20393.85) == "20\u202f394" and i18n.format_number(2.37, 2) == "2,37"


def test_a_number_is_written_as_a_participant_types_it_without_grouping_or_trailing_zeros():
    assert i18n.format_number(8605.5, 4, trim=True, grouping=False) == "8605.5"
    assert i18n.format_number(7.0, 2, trim=True, grouping=False) == "7"
    assert i18n.format_number(6.5, 2, trim=True, grouping=False, language="fr") == "6,5"
    i18n.set_language("fr")
    assert i18n.format_number(2.375, 4, trim=True, grouping=False) == "2,375"
    assert i18n.format_number(2.375, 4, trim=True, grouping=False, language="en") == "2.375"


@pytest.mark.parametrize("language", i18n.LANGUAGES)
@pytest.mark.parametrize(("text", "number"), [("8605", 8605), (" 8 605 ", 8605), ("8\u202f605", 8605),
                                               ("8\u00a0605,5", 8605.5), ("2,37", 2.37), ("2.37", 2.37),
                                               ("0", 0), ("-3,5", -3.5), ("8605,5", 8605.5), (",5", 0.5)])
def test_numbers_are_read_as_french_and_english_speakers_write_them(language, text, number):
    i18n.set_language(language)  # what a participant may type does not depend on the language shown
    assert i18n.parse_number(text) == number


def test_what_a_field_shows_reads_back_in_both_languages_and_french_grouping_too():
    values = (0.25, 12.5, 8605.0, 20393.85, 1234567.5)
    for language in i18n.LANGUAGES:
        i18n.set_language(language)
        assert [i18n.parse_number(i18n.format_number(v, 2, grouping=False)) for v in values] == list(values)
    # French groups thousands with spaces, which read back; English commas would be ambiguous.
    assert [i18n.parse_number(i18n.format_number(v, 2)) for v in values] == list(values)


@pytest.mark.parametrize(("text", "key"), [("", "number.empty"), ("   ", "number.empty"),
                                           ("beaucoup", "number.not_a_number"),
                                           ("8,605", "number.ambiguous"), ("1.000", "number.ambiguous"),
                                           ("-8,605", "number.ambiguous"), ("1,000.5", "number.not_a_number"),
                                           ("1.2.3", "number.not_a_number"),
                                           ("nan", "number.not_a_number"), ("inf", "number.not_a_number")])
def test_text_that_is_not_one_clear_number_is_refused(text, key):
    with pytest.raises(NumberError) as caught:
        i18n.parse_number(text, field="gold")
    assert caught.value.message_key == key and caught.value.field == "gold"


def test_an_ambiguous_number_is_explained_in_the_language_shown_when_read():
    with pytest.raises(NumberError) as caught:
        i18n.parse_number("8,605")
    assert str(caught.value).startswith('"8,605" can be read two ways (thousands or decimals)')
    i18n.set_language("fr")  # the same error, read after a language switch, is in French
    assert str(caught.value).startswith("« 8,605 » peut se lire de deux façons (milliers ou décimales)")
    assert isinstance(caught.value, ValueError)


def test_the_widgets_french_uses_the_glossarys_words_and_french_typography():
    # "mineurs" would read as children in a curriculum about child labour; the others are calques.
    # A no-break space keeps "Cas :" from wrapping with the colon at the start of a line.
    from asm_workshop.translation import typography_problems, wording_problems

    found = {key: wording_problems(texts["fr"]) + typography_problems(texts["fr"])
             for key, texts in i18n.catalog().items()}
    assert {key: problems for key, problems in found.items() if problems} == {}
