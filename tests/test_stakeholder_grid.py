"""The stakeholder grid widget: what a participant types, clicks and moves is checked, shown,
saved and exported; bad input is refused next to its field and loses nothing."""

from __future__ import annotations

import base64
import html
import json
import re

import matplotlib.pyplot as plt
import pytest
from fake_voila import FakeVoilaQuery

from asm_workshop import i18n
from asm_workshop.errors import CaseError
from asm_workshop.stakeholders import StakeholderError, case_stakeholders, quadrant
from asm_workshop.widgets.language import LanguagePicker
from asm_workshop.widgets.stakeholder_grid import StakeholderGrid
from conftest import FIXTURES

CSV = FIXTURES / "csv"
KEY = "day2.stakeholder_grid"
PNG = b"\x89PNG\r\n\x1a\n"


OPEN: list[StakeholderGrid] = []


@pytest.fixture(autouse=True)
def close_grids():
    """Close each test's grids: a widget left open keeps listening for language changes."""
    yield
    while OPEN:
        OPEN.pop().close()


@pytest.fixture
def voila_query(monkeypatch, in_tmp_path):
    """A preheated kernel, working in a temporary folder, whose participant has not come yet."""
    fake = FakeVoilaQuery(monkeypatch)
    yield fake
    fake.close()


def grid(folder, case="benin_sand", key=KEY):
    OPEN.append(StakeholderGrid(key, case=case, folder=folder))
    return OPEN[-1]


def saved(folder):
    return json.loads((folder / f"{KEY}.json").read_text(encoding="utf-8"))["value"]


def upload(sheet, fixture):
    """Send a file as the browser's upload button does (its JSON, deserialised by ipywidgets)."""
    content = (CSV / fixture).read_bytes()
    sheet._upload.set_state({"value": [{"name": fixture, "type": "text/csv", "size": len(content),
                                        "content": memoryview(content), "last_modified": 1_700_000_000_000}]})


def problem(sheet, field):
    """The text shown next to a field (its HTML unescaped)."""
    return html.unescape(sheet.problem(field))


def image(sheet):
    return bytes(sheet._image.value)


def saved_text(folder):
    return (folder / f"{KEY}.json").read_text(encoding="utf-8")


def test_starts_from_the_case_stakeholders_without_saving_anything(tmp_path):
    sheet = grid(tmp_path)
    assert sheet.value == case_stakeholders("benin_sand")
    assert sheet.value[0] == {"name": "Préfet du Mono", "power": 9, "interest": 6, "stance": "neutral"}
    assert image(sheet).startswith(PNG) and "Préfet du Mono" in sheet._table.value
    assert not (tmp_path / f"{KEY}.json").exists()


def test_starts_from_an_empty_sheet_and_refuses_an_unknown_case(tmp_path):
    empty = grid(tmp_path, case=None)
    assert empty.value == [] and "No stakeholders yet" in empty._table.value
    assert empty._power.disabled and empty._remove_button.disabled
    with pytest.raises(CaseError, match="no case study \"mali_gold\""):
        grid(tmp_path, case="mali_gold")


def test_typing_a_name_and_clicking_add_saves_and_selects_it(tmp_path):
    sheet = grid(tmp_path)
    sheet._new_name.value = "  Mairie de Lokossa "
    sheet._add_button.click()
    assert sheet.value[-1] == {"name": "Mairie de Lokossa", "power": 5, "interest": 5, "stance": "neutral"}
    assert saved(tmp_path)[-1]["name"] == "Mairie de Lokossa"
    assert sheet._choice.value == "Mairie de Lokossa" and sheet._new_name.value == ""
    assert "Mairie de Lokossa" in sheet._table.value


def test_moving_the_sliders_and_stance_moves_the_stakeholder_and_saves(tmp_path):
    sheet = grid(tmp_path)
    sheet._choice.value = "Chargeurs de camions"
    before, table = image(sheet), sheet._table.value
    sheet._power.value = 8
    sheet._interest.value = 3.5
    sheet._stance.value = "supportive"
    moved = next(entry for entry in saved(tmp_path) if entry["name"] == "Chargeurs de camions")
    assert moved == {"name": "Chargeurs de camions", "power": 8, "interest": 3.5, "stance": "supportive"}
    assert quadrant(moved["power"], moved["interest"]) == "high_power_low_interest"
    assert image(sheet) != before and sheet._table.value != table
    assert "Keep satisfied" in sheet._table.value


@pytest.mark.parametrize("name", ["", "   ", "mairie de comé", " MAIRIE DE COMÉ "])
def test_empty_or_duplicate_names_are_refused_next_to_the_box_and_lose_nothing(tmp_path, name):
    sheet = grid(tmp_path)
    sheet.set_scores("Mairie de Comé", power=2)
    before, file_before = sheet.value, saved_text(tmp_path)
    sheet._new_name.value = name
    sheet._add_button.click()
    assert ("needs a name" if not name.strip() else "already on the list") in problem(sheet, "new_name")
    assert sheet.value == before and saved_text(tmp_path) == file_before
    assert sheet._new_name.value == name, "what was typed stays, to be corrected"
    i18n.set_language("fr")
    assert ("doit avoir un nom" if not name.strip() else "déjà dans la liste") in problem(sheet, "new_name")


def test_a_good_name_after_a_refused_one_clears_the_message(tmp_path):
    sheet = grid(tmp_path)
    with pytest.raises(StakeholderError):
        sheet.add("Préfet du Mono")
    sheet.add("Préfet de l'Atlantique")
    assert problem(sheet, "new_name") == ""


def test_renaming_keeps_scores_and_a_duplicate_rename_keeps_what_was_typed(tmp_path):
    sheet = grid(tmp_path)
    sheet._choice.value = "Mairie de Comé"
    sheet._rename_to.value = "Mairie de Comé (Mono)"
    sheet._rename_button.click()
    renamed = next(e for e in saved(tmp_path) if e["name"] == "Mairie de Comé (Mono)")
    assert (renamed["power"], renamed["interest"]) == (6, 4)
    sheet._rename_to.value = "préfet du mono"
    sheet._rename_button.click()
    assert "already on the list" in problem(sheet, "rename")
    assert sheet._rename_to.value == "préfet du mono" and "Mairie de Comé (Mono)" in sheet.names


def test_remove_takes_the_stakeholder_off_and_says_so(tmp_path):
    sheet = grid(tmp_path)
    sheet._choice.value = "Entreprises du BTP"
    sheet._remove_button.click()
    assert "Entreprises du BTP" not in sheet.names
    assert "Entreprises du BTP" not in [entry["name"] for entry in saved(tmp_path)]
    assert "was removed" in sheet._notice.value and sheet._choice.value is not None


@pytest.mark.parametrize(("scores", "field", "message"), [
    ({"power": 11}, "power", "Power: 11 is off the scale"),
    ({"interest": -2}, "interest", "Interest: -2 is off the scale"),
    ({"power": "fort"}, "power", "is not a number"),
    ({"stance": "hostile"}, "stance", "Unknown stance"),
])
def test_values_out_of_range_are_refused_next_to_their_field(tmp_path, scores, field, message):
    sheet = grid(tmp_path)
    sheet.set_scores("Préfet du Mono", power=8)
    before, file_before = sheet.value, saved_text(tmp_path)
    with pytest.raises(StakeholderError):
        sheet.set_scores("Préfet du Mono", **scores)
    assert message in problem(sheet, field)
    assert sheet.value == before and saved_text(tmp_path) == file_before


def test_running_the_cell_again_restores_the_grid_without_rewriting_it(tmp_path):
    sheet = grid(tmp_path)
    sheet.add("Mairie de Houéyogbé (service technique)", power=3, interest=9, stance="supportive")
    written = (tmp_path / f"{KEY}.json").stat()
    again = grid(tmp_path)
    assert again.value == sheet.value and again.value[-1]["name"] == "Mairie de Houéyogbé (service technique)"
    assert (tmp_path / f"{KEY}.json").stat().st_ino == written.st_ino


def test_a_change_that_changes_nothing_neither_redraws_nor_saves(tmp_path):
    sheet = grid(tmp_path)
    sheet.set_scores("Préfet du Mono", power=8)
    written, drawn = (tmp_path / f"{KEY}.json").stat(), sheet._image.value
    sheet.set_scores("Préfet du Mono", power=8)
    sheet._choice.value = "Préfet du Mono"
    # Every save writes a new file and renames it over the old one: the same inode means no save.
    assert (tmp_path / f"{KEY}.json").stat().st_ino == written.st_ino
    assert sheet._image.value is drawn


def test_a_saved_grid_that_does_not_fit_is_set_aside_and_the_case_list_is_used(tmp_path):
    entry = {"name": "A", "power": 15, "interest": 2, "stance": "neutral"}
    broken = {"format": 1, "key": KEY, "value": [entry]}
    (tmp_path / f"{KEY}.json").write_text(json.dumps(broken), encoding="utf-8")
    sheet = grid(tmp_path)
    assert sheet.value == case_stakeholders("benin_sand")
    assert "off the scale" in sheet.status.value and f"{KEY}.json.bak" in sheet.status.value


@pytest.mark.parametrize("fixture", ["stakeholders_french_excel_semicolons_decimal_commas.csv",
                                     "stakeholders_utf8_bom.csv", "stakeholders_latin1_accents.csv"])
def test_french_excel_files_load_through_the_upload_button(tmp_path, fixture):
    sheet = grid(tmp_path, case=None)
    upload(sheet, fixture)
    names = [entry["name"] for entry in saved(tmp_path)]
    assert any(name in names for name in ("Préfet du Mono", "Mairie de Comé"))
    assert all("é" in name or "ê" in name or "è" in name for name in names if name != "Chefs de carrière")
    assert "added" in sheet._notice.value and problem(sheet, "file") == ""
    assert sheet._upload.value == ()


def test_loading_a_file_updates_names_already_there_and_keeps_the_others(tmp_path):
    sheet = grid(tmp_path)
    count = len(sheet.value)
    sheet.load_csv(CSV / "stakeholders_latin1_accents.csv")
    assert len(sheet.value) == count, "all three names were already on the grid"
    assert next(e for e in sheet.value if e["name"] == "Mairie de Comé")["stance"] == "opposed"
    assert "0 stakeholder(s) added, 3 updated" in sheet._notice.value
    sheet.load_csv(CSV / "stakeholders_utf8_bom.csv", replace=True)
    assert sheet.names == ["Mairie de Comé", "Pêcheurs du lac Ahémé"]


@pytest.mark.parametrize(("fixture", "message"), [
    ("stakeholders_missing_interest_column.csv", "no column for interest"),
    ("stakeholders_duplicate_names_after_trimming.csv", "already on the list"),
    ("stakeholders_values_out_of_range.csv", "Power: 12 is off the scale"),
    ("stakeholders_empty_name.csv", "needs a name"),
    ("excel_workbook_named_csv.csv", "was not loaded"),
])
def test_a_bad_file_is_refused_next_to_the_upload_and_changes_nothing(tmp_path, fixture, message):
    sheet = grid(tmp_path)
    sheet.add("Mairie de Lokossa")
    before, file_before = sheet.value, saved_text(tmp_path)
    upload(sheet, fixture)
    assert message in problem(sheet, "file")
    assert "nothing on the grid was changed" in problem(sheet, "file").lower()
    assert sheet.value == before and saved_text(tmp_path) == file_before
    i18n.set_language("fr")
    assert "rien n'a été modifié" in problem(sheet, "file").lower()


def test_extra_columns_load_with_a_note(tmp_path):
    sheet = grid(tmp_path, case=None)
    sheet.load_csv(CSV / "stakeholders_extra_columns.csv")
    assert sheet.names == ["ANEEMAS", "Creuseurs"]
    assert "Columns not used: category, notes." in sheet._notice.value


@pytest.mark.parametrize("language", ["en", "fr"])
def test_accented_names_round_trip_through_save_export_and_reload(tmp_path, language):
    i18n.set_language(language)
    sheet = grid(tmp_path / "answers")
    sheet.add("Comité de Ouagadougou", power=6.5, interest=2, stance="opposed")
    path = sheet.export_csv(tmp_path / "grille.csv")
    fresh = grid(tmp_path / "answers", case=None, key="day2.other")
    fresh.load_csv(path)
    assert fresh.value == sheet.value == saved(tmp_path / "answers")
    accented = {"Préfet du Mono", "Mairie de Houéyogbé", "Mairie de Comé", "Comité de Ouagadougou"}
    assert accented <= set(fresh.names)
    other = json.loads((tmp_path / "answers" / "day2.other.json").read_text(encoding="utf-8"))
    assert other["value"] == sheet.value


def test_export_png_writes_an_image_of_the_grid(tmp_path):
    sheet = grid(tmp_path)
    path = sheet.export_png(tmp_path / "grille.png")
    assert path.read_bytes().startswith(PNG) and len(path.read_bytes()) > len(image(sheet))
    sheet.set_scores("Préfet du Mono", power=2)
    assert image(sheet).startswith(PNG), "the live view still draws after an export"


def offered(widget, name):
    """The content of the download link ``name`` that the widget offers in the page."""
    link = re.search(rf"download='{re.escape(name)}'[^>]*href='data:[^;]+(?:;charset=utf-8)?;base64,([^']+)'",
                     widget.export_links.value)
    assert link, f"no download link for {name} in {widget.export_links.value[:300]}"
    return base64.b64decode(link.group(1))


def test_export_buttons_write_with_the_answers_never_beside_the_notebook_and_offer_a_link(in_tmp_path):
    sheet = grid(in_tmp_path / "answers")
    sheet._export_png_button.click()
    exports = in_tmp_path / "answers" / "exports"
    assert (exports / f"{KEY}.png").read_bytes().startswith(PNG)
    assert offered(sheet, f"{KEY}.png") == (exports / f"{KEY}.png").read_bytes()
    assert str(exports) in html.unescape(sheet.export_links.value)
    sheet._export_csv_button.click()
    assert "Préfet du Mono" in offered(sheet, f"{KEY}.csv").decode("utf-8-sig")
    assert sorted(path.name for path in exports.iterdir()) == [f"{KEY}.csv", f"{KEY}.png"]
    assert sorted(path.name for path in in_tmp_path.iterdir()) == ["answers"], "nothing beside the notebook"


def test_in_a_room_each_participant_exports_into_their_own_folder(voila_query, in_tmp_path):
    sheet = StakeholderGrid(KEY, case="benin_sand")  # built before the participant is known
    OPEN.append(sheet)
    voila_query.bind("participant=awa")
    sheet.add("Coopérative d'Awa")
    path = sheet.export_csv()
    assert path == in_tmp_path / "answers" / "participants" / "awa" / "exports" / f"{KEY}.csv"
    assert "Coopérative d'Awa" in path.read_text(encoding="utf-8-sig")
    assert not (in_tmp_path / "answers" / "exports").exists(), "never in the room's shared folder"


def test_an_export_before_the_participant_is_known_is_refused_and_written_nowhere(voila_query, in_tmp_path,
                                                                                  monkeypatch):
    monkeypatch.setattr(StakeholderGrid, "BINDING_WAIT_SECONDS", 0.2)
    sheet = StakeholderGrid(KEY, case="benin_sand")
    OPEN.append(sheet)
    sheet._export_png_button.click()
    assert "does not know your name yet" in problem(sheet, "export")
    assert sorted(in_tmp_path.rglob("*.png")) == [] and sheet.export_links.value == ""


def test_an_export_that_cannot_be_written_says_so_and_keeps_the_grid(tmp_path):
    sheet = grid(tmp_path)
    with pytest.raises(StakeholderError):
        sheet.export_csv(tmp_path / "no_such_folder" / "grille.csv")
    assert "Could not write" in problem(sheet, "export")
    assert len(sheet.value) == len(case_stakeholders("benin_sand"))


def test_switching_language_relabels_the_grid_the_table_and_shown_problems(tmp_path):
    sheet = grid(tmp_path)
    with pytest.raises(StakeholderError):
        sheet.add("")
    english = image(sheet)
    LanguagePicker().value = "fr"
    assert sheet._add_button.description == "Ajouter" and sheet._power.description == "Pouvoir"
    assert "Associer étroitement" in sheet._table.value and "neutre" in sheet._table.value
    assert "doit avoir un nom" in problem(sheet, "new_name")
    assert sheet._stance.options[0] == ("favorable", "supportive")
    assert image(sheet) != english, "the quadrants' strategies are drawn in French"


def test_value_is_plain_json_and_to_frame_gives_quadrants(tmp_path):
    sheet = grid(tmp_path)
    assert json.loads(json.dumps(sheet.value)) == sheet.value
    assert all(list(entry) == ["name", "power", "interest", "stance"] for entry in sheet.value)
    frame = sheet.to_frame()
    assert list(frame.columns) == ["name", "power", "interest", "stance", "quadrant", "strategy"]
    assert frame.set_index("name").loc["Préfet du Mono", "strategy"] == "manage_closely"


def test_grids_leave_nothing_open_in_pyplot(tmp_path):
    open_before = plt.get_fignums()
    for _ in range(3):
        grid(tmp_path).close()
    assert plt.get_fignums() == open_before
