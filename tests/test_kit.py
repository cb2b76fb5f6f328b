"""``asm-workshop kit`` writes the facilitator's kit: the agendas of the three days and of the
four themed days in each language, as pages and as A4 PDF files printed by a Chromium-based
browser, and says so plainly when there is no browser to print with."""

import unicodedata

import pytest
from pdf_text import pdf_pages

from asm_workshop import cli, kit

THEMES = ("rights", "gender", "frm", "emp")
CARDS = ("actor_cards_burkina_gold", "actor_cards_benin_sand", "scenario_cards")
# Three days; 20 and 17 actors at eight cards a page; eight situations at four; two participants.
PAGES = {"agenda": 3, "actor_cards_burkina_gold": 3, "actor_cards_benin_sand": 3, "scenario_cards": 2,
         "certificates": 2}


@pytest.mark.browser
def test_the_kit_holds_every_agenda_as_a_page_and_an_a4_pdf(tmp_path, capsys, monkeypatch):
    from conftest import CHROMIUM

    monkeypatch.setenv(kit.BROWSER_VARIABLE, CHROMIUM)
    participants = tmp_path / "names.txt"
    participants.write_text("\ufeffAwa Ouédraogo\n\n<b>Koffi</b> & Agbo\n", encoding="utf-8")
    out = tmp_path / "kit"
    assert cli.main(["kit", "--out", str(out), "--first-day", "2027-03-01", "--participants",
                     str(participants), "--place", "Ouagadougou"]) == 0
    output = capsys.readouterr()
    tmp_path = out
    names = ["agenda", *(f"agenda_{theme}" for theme in THEMES), *CARDS, "certificates"]
    for language in ("en", "fr"):
        for name in names:
            assert (tmp_path / language / f"{name}.html").is_file()
            pages = pdf_pages((tmp_path / language / f"{name}.pdf").read_bytes())
            assert len(pages) == PAGES.get(name, 1), (language, name)
            for page in pages:
                width, height = sorted((page["box"][2] - page["box"][0], page["box"][3] - page["box"][1]))
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
    assert output.out.count("wrote ") == 2 * 2 * len(names) and output.err == ""
    # One certificate a name, the name shown as written (escaped), blank lines and the BOM left out.
    certificates = [unicodedata.normalize("NFKC", page["text"])
                    for page in pdf_pages((tmp_path / "fr" / "certificates.pdf").read_bytes())]
    assert "Awa Ouédraogo" in certificates[0] and "<b>Koffi</b> & Agbo" in certificates[1]
    assert "tenu du 1er mars 2027 au 3 mars 2027 à Ouagadougou." in certificates[0]


def test_without_a_browser_the_pages_are_written_and_the_facilitator_told(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv(kit.BROWSER_VARIABLE, str(tmp_path / "no-such-browser"))
    assert kit.find_browser() is None
    assert cli.main(["kit", "--out", str(tmp_path), "--language", "fr"]) == 0
    output = capsys.readouterr()
    assert sorted(path.name for path in (tmp_path / "fr").iterdir()) == sorted(
        ["agenda.html", *(f"agenda_{theme}.html" for theme in THEMES), *(f"{name}.html" for name in CARDS)])
    assert "the PDF files were not written" in output.err
    assert not (tmp_path / "en").exists()
