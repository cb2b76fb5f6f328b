"""``asm-workshop kit`` writes the facilitator's kit: the agendas of the three days and of the
four themed days in each language, as pages and as A4 PDF files printed by a Chromium-based
browser, and says so plainly when there is no browser to print with."""

import unicodedata

import pytest
from pdf_text import pdf_pages

from asm_workshop import cli, kit

THEMES = ("rights", "gender", "frm", "emp")


@pytest.mark.browser
def test_the_kit_holds_every_agenda_as_a_page_and_an_a4_pdf(tmp_path, capsys, monkeypatch):
    from conftest import CHROMIUM

    monkeypatch.setenv(kit.BROWSER_VARIABLE, CHROMIUM)
    assert cli.main(["kit", "--out", str(tmp_path), "--first-day", "2027-03-01"]) == 0
    output = capsys.readouterr()
    names = ["agenda", *(f"agenda_{theme}" for theme in THEMES)]
    for language in ("en", "fr"):
        for name in names:
            assert (tmp_path / language / f"{name}.html").is_file()
            pages = pdf_pages((tmp_path / language / f"{name}.pdf").read_bytes())
            assert len(pages) == (3 if name == "agenda" else 1), (language, name)
            for page in pages:
                width, height = page["box"][2] - page["box"][0], page["box"][3] - page["box"][1]
                assert 594 < width < 596 and 841 < height < 843
    # The three days, one to a page, each under its own heading.
    # (NFKC: chromium prints "fi" as its ligature.)
    printed = [unicodedata.normalize("NFKC", page["text"])
               for page in pdf_pages((tmp_path / "fr" / "agenda.pdf").read_bytes())]
    for number, (text, weekday) in enumerate(zip(printed, ("lundi", "mardi", "mercredi"), strict=True), 1):
        assert f"Jour {number} · {weekday} {number if number > 1 else '1er'} mars 2027" in text
        assert "minutes de marge avant la fin de la journée" in text
    gender = (tmp_path / "fr" / "agenda_gender.pdf").read_bytes()
    french = " ".join(page["text"] for page in pdf_pages(gender))
    assert "le genre dans l'EMAPE" in french and "Déjeuner" in french and "lundi 1er mars 2027" in french
    assert output.out.count("wrote ") == 20 and output.err == ""


def test_without_a_browser_the_pages_are_written_and_the_facilitator_told(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv(kit.BROWSER_VARIABLE, str(tmp_path / "no-such-browser"))
    assert kit.find_browser() is None
    assert cli.main(["kit", "--out", str(tmp_path), "--language", "fr"]) == 0
    output = capsys.readouterr()
    assert sorted(path.name for path in (tmp_path / "fr").iterdir()) == sorted(
        ["agenda.html", *(f"agenda_{theme}.html" for theme in THEMES)])
    assert "the PDF files were not written" in output.err
    assert not (tmp_path / "en").exists()
