"""A participant downloads all their answers as one zip, ready to unzip beside a graded notebook."""

from __future__ import annotations

import base64
import io
import json
import re
import zipfile

import pytest
from fake_voila import FakeVoilaQuery, clear_voila_environment

from asm_workshop import i18n
from asm_workshop.answers import AnswerStore
from asm_workshop.participant import forget_participant
from asm_workshop.widgets import AnswersDownload
from asm_workshop.widgets.download import answers_archive, answers_bundle, download_file_name


@pytest.fixture
def outside_voila(monkeypatch):
    clear_voila_environment(monkeypatch)
    yield monkeypatch
    forget_participant()


@pytest.fixture
def voila_query(monkeypatch, in_tmp_path):
    """A preheated kernel, working in a temporary folder, whose participant has not come yet."""
    fake = FakeVoilaQuery(monkeypatch)
    yield fake
    fake.close()


def linked_zip(widget: AnswersDownload) -> zipfile.ZipFile:
    """Return the zip file the widget's link would download."""
    address = re.search(r'href="data:application/zip;base64,([^"]+)"', widget.link.value).group(1)
    return zipfile.ZipFile(io.BytesIO(base64.b64decode(address)))


def test_the_bundle_holds_every_saved_answer(tmp_path):
    store = AnswerStore(tmp_path)
    store.save("welcome.practice", ["sand"])
    store.save("day1_4.legal_status_benin", {"authorisation": "expired", "minors": False})
    bundle = answers_bundle(tmp_path)
    assert sorted(bundle) == ["day1_4.legal_status_benin.json", "welcome.practice.json"]
    assert bundle["welcome.practice.json"]["value"] == ["sand"]
    assert bundle["welcome.practice.json"]["key"] == "welcome.practice"


def test_the_bundle_leaves_out_what_is_not_an_answer(tmp_path):
    AnswerStore(tmp_path).save("welcome.practice", ["sand"])
    (tmp_path / "welcome.days.json.bak").write_text("{broken")
    (tmp_path / ".welcome.days.abc.tmp").write_text("half")
    (tmp_path / "notes.json").write_text("{not json")
    (tmp_path / "participants").mkdir()
    assert list(answers_bundle(tmp_path)) == ["welcome.practice.json"]
    widget = AnswersDownload(tmp_path)
    assert "notes.json" in widget.link.value and "Left out" in widget.link.value


def test_the_download_unzips_to_an_answers_folder_the_store_reads_back(tmp_path):
    folder = tmp_path / "day1" / "answers" / "participants" / "awa-traoré"
    AnswerStore(folder).save("day1_2.note", "Lac Ahémé, Hauts-Bassins")
    widget = AnswersDownload(folder)
    assert widget.participant == "awa-traoré"
    assert widget.file_name == "asm-answers-day1-awa-traoré.zip"
    assert 'download="asm-answers-day1-awa-traoré.zip"' in widget.link.value
    handed_in = tmp_path / "handed_in"
    linked_zip(widget).extractall(handed_in)
    assert sorted(p.relative_to(handed_in).as_posix() for p in handed_in.rglob("*.json")) == [
        "answers/day1_2.note.json"
    ]
    assert AnswerStore(handed_in / "answers").load("day1_2.note").value == "Lac Ahémé, Hauts-Bassins"


def test_the_download_carries_the_exported_plans_for_the_capstone(tmp_path):
    from asm_workshop.plan import example_plan
    from asm_workshop.plan_export import export

    AnswerStore(tmp_path).save("day3.plan", example_plan())
    html_page, markdown = export(example_plan(), tmp_path / "exports")
    (tmp_path / "exports" / ".plan.abc.tmp").write_text("half")
    names = sorted(linked_zip(AnswersDownload(tmp_path)).namelist())
    assert names == ["answers/day3.plan.json", f"answers/exports/{html_page.name}",
                     f"answers/exports/{markdown.name}"]


def test_the_download_carries_the_grid_and_map_pictures_and_tables(tmp_path):
    from asm_workshop.widgets.influence_map import InfluenceMap
    from asm_workshop.widgets.stakeholder_grid import StakeholderGrid

    grid = StakeholderGrid("day2_1.grid", case="benin_sand", folder=tmp_path)
    network = InfluenceMap("day2_1.influence", case="benin_sand", folder=tmp_path)
    try:
        grid._export_png_button.click()
        grid._export_csv_button.click()
        network._export_csv_button.click()
        archive = linked_zip(AnswersDownload(tmp_path))
    finally:
        grid.close()
        network.close()
    exported = sorted(name for name in archive.namelist() if name.startswith("answers/exports/"))
    assert exported == ["answers/exports/day2_1.grid.csv", "answers/exports/day2_1.grid.png",
                        "answers/exports/day2_1.influence.actors.csv",
                        "answers/exports/day2_1.influence.links.csv"]
    picture = (tmp_path / "exports" / "day2_1.grid.png").read_bytes()
    assert archive.read("answers/exports/day2_1.grid.png") == picture


def test_an_archive_keeps_accents_as_written(tmp_path):
    AnswerStore(tmp_path).save("day2_1.actor", "Coopérative des orpailleurs de Bantara")
    archive = zipfile.ZipFile(io.BytesIO(answers_archive(answers_bundle(tmp_path))))
    text = archive.read("answers/day2_1.actor.json").decode("utf-8")
    assert "Coopérative des orpailleurs de Bantara" in text
    assert json.loads(text)["value"] == "Coopérative des orpailleurs de Bantara"


def test_an_empty_or_missing_folder_says_there_is_nothing_yet(tmp_path):
    for folder in (tmp_path, tmp_path / "missing"):
        widget = AnswersDownload(folder)
        assert answers_bundle(folder) == {}
        assert "No answers saved yet" in widget.link.value and "<a " not in widget.link.value


def test_preparing_again_picks_up_answers_saved_since(tmp_path):
    widget = AnswersDownload(tmp_path)
    AnswerStore(tmp_path).save("welcome.practice", ["gold"])
    assert "No answers saved yet" in widget.link.value
    widget.button.click()
    assert linked_zip(widget).namelist() == ["answers/welcome.practice.json"]
    assert "answers: 1" in widget.link.value


def test_file_names_say_which_lessons_and_whose_answers():
    koffi = "/course/notebooks/day2/answers/participants/koffi"
    assert download_file_name(koffi) == "asm-answers-day2-koffi.zip"
    assert download_file_name("/course/notebooks/day2/answers") == "asm-answers-day2.zip"
    assert download_file_name("/elsewhere/saved") == "asm-answers.zip"


def test_labels_follow_the_language(tmp_path):
    AnswerStore(tmp_path).save("welcome.practice", ["sand"])
    widget = AnswersDownload(tmp_path)
    assert widget.button.description == "Prepare the download"
    i18n.set_language("fr")
    assert widget.button.description == "Préparer le téléchargement"
    assert "Télécharger <code>asm-answers.zip</code>" in widget.link.value
    assert "réponses : 1" in widget.link.value
    assert "Vos réponses sont enregistrées" in widget.where.value


def test_outside_voila_the_default_folder_is_answers_here_and_no_name_is_asked(outside_voila, in_tmp_path):
    widget = AnswersDownload()
    assert widget.folder == in_tmp_path / "answers"
    assert widget.participant is None and not widget.needs_name
    assert "saved in <code>answers</code>." in widget.where.value  # a folder name, as code
    assert widget.hint.value == ""


def test_in_voila_the_participant_in_use_is_shown(outside_voila, in_tmp_path):
    outside_voila.setenv("SERVER_SOFTWARE", "voila/0.5.13")
    outside_voila.setenv("QUERY_STRING", "participant=Awa%20Traor%C3%A9")
    AnswerStore().save("welcome.practice", ["sand"])
    widget = AnswersDownload()
    assert widget.folder == in_tmp_path / "answers" / "participants" / "awa-traoré"
    assert "under your name, awa-traoré" in widget.where.value
    assert not widget.needs_name and widget.hint.value == ""
    assert list(answers_bundle(widget.folder)) == ["welcome.practice.json"]


def test_in_voila_without_a_name_the_participant_is_told_to_enter_one(outside_voila, in_tmp_path):
    outside_voila.setenv("SERVER_SOFTWARE", "voila/0.5.13")
    outside_voila.setenv("QUERY_STRING", "")
    widget = AnswersDownload()
    assert widget.folder == in_tmp_path / "answers" and widget.needs_name
    assert "enter your name" in widget.hint.value
    i18n.set_language("fr")
    assert "saisissez votre nom" in widget.hint.value


def test_before_the_participant_is_known_nothing_is_gathered_then_their_answers_are(voila_query, in_tmp_path):
    AnswerStore(in_tmp_path / "answers").save("welcome.practice", ["coltan"])  # the room's shared file
    AnswerStore(in_tmp_path / "answers" / "participants" / "awa").save("welcome.practice", ["sand"])
    widget = AnswersDownload()
    assert widget.bundle == {} and widget.link.value == "" and not widget.needs_name
    assert "Looking for your answers" in widget.where.value and widget.hint.value == ""
    voila_query.bind("participant=awa")
    assert widget.folder == in_tmp_path / "answers" / "participants" / "awa"
    assert widget.file_name.endswith("-awa.zip") and "under your name, awa" in widget.where.value
    content = json.loads(linked_zip(widget).read("answers/welcome.practice.json").decode("utf-8"))
    assert content["value"] == ["sand"]
