"""Words as hunspell's dictionaries see them: the French ones it does not know, and the English
ones on a French page (known to en_US, unknown to fr_FR). Debian's hunspell, hunspell-fr and
hunspell-en-us provide them (.ci/run installs them)."""

import re
import shutil
import subprocess

import pytest

_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_ADDRESS = re.compile(r"https?://\S+|\bwww\.\S+")


def unknown_words(texts: list[str], dictionary: str = "fr_FR") -> set[str]:
    """The words of ``texts`` that hunspell's ``dictionary`` does not know."""
    if shutil.which("hunspell") is None:
        pytest.fail("The spelling tests need hunspell and its dictionaries: "
                    "apt-get install hunspell hunspell-fr hunspell-en-us")
    listed = subprocess.run(["hunspell", "-d", dictionary, "-l"], input="\n".join(texts),
                            capture_output=True, text=True, check=True)
    # hunspell reports "OSC." and "OSC" apart: the word is the same.
    return {word.rstrip(".") for word in listed.stdout.split()} - {""}


def english_words(texts: list[str]) -> set[str]:
    """The words of ``texts`` that are English and not French: known to en_US, not to fr_FR.
    Addresses are left aside, and names: acronyms and codes in capitals (CRAFT, BF-SO), and a
    capitalised word that en_US knows only with its capital (Levin, not Environment)."""
    prose = [_ADDRESS.sub(" ", text) for text in texts]
    words = {word for text in prose for word in _WORD.findall(text) if len(word) > 1 and not word.isupper()}
    not_french = unknown_words(sorted(words), "fr_FR")
    english = not_french - unknown_words(sorted(not_french), "en_US")
    capitalised = sorted(word for word in english if word[0].isupper())
    names = set(unknown_words([word.lower() for word in capitalised], "en_US"))
    return {word for word in english if word.lower() not in names}
