"""The French is spelt right: hunspell's fr_FR dictionary (Debian's hunspell-fr) knows every word of
the catalogs and of the widget messages, or the project's word list (locale/fr/words.txt: names of
places, people, organisations and tools, acronyms, and the English of titles quoted as published)
holds it. A new word that is neither fails here: correct it, or add it to the list once checked."""

import re

import polib
from french_words import english_words, unknown_words

from asm_workshop.i18n import catalog
from asm_workshop.paths import repository_root
from asm_workshop.translation import CODE_OR_ADDRESS, LOCALE_FOLDER

ROOT = repository_root()
WORDS = ROOT / LOCALE_FOLDER / "words.txt"
ENGLISH_PART = re.compile(r'<(\w+)[^>]*\blang="en"[^>]*>.*?</\1>', re.S)


def french_texts() -> list[str]:
    """Every French text a participant reads, code and addresses aside: the catalogs' entries
    (those kept as the English, lines of code, aside) and the widget messages."""
    texts = [entry.msgstr for path in sorted((ROOT / LOCALE_FOLDER).rglob("*.po"))
             for entry in polib.pofile(str(path))
             if entry.translated() and not entry.obsolete and entry.msgstr != entry.msgid]
    texts += [messages["fr"] for messages in catalog().values()]
    # A text marked as English (a title as published) is not French; placeholders ({count}) are
    # filled in when the message is shown.
    texts = [ENGLISH_PART.sub(" ", text) for text in texts]
    return [re.sub(r"\{[^}]*\}", " ", CODE_OR_ADDRESS.sub(" ", text)) for text in texts]


def project_words() -> set[str]:
    return {line.strip() for line in WORDS.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")}


def test_every_french_word_is_in_the_dictionary_or_the_project_word_list():
    assert sorted(unknown_words(french_texts()) - project_words()) == []


def test_a_misspelt_word_is_caught():
    assert unknown_words(["Les orpailleurs du site utilisent du mercurre."]) == {"mercurre"}


def test_english_is_told_from_french():
    text = "Les orpailleurs du site CRAFT lavent the ore with mercure, à Kalsaka (BF-SO)."
    assert english_words([text]) == {"the", "ore", "with"}


def test_a_title_marked_as_english_is_not_spelt_as_french():
    text = 'Voir <span lang="en">Institute for Security Studies</span>, un institut sérieux.'
    assert unknown_words([ENGLISH_PART.sub(" ", text)]) == set()
