"""Finding and unpacking submissions: folders and zips both ways, never writing to the originals."""

import hashlib
import json
import os
import zipfile

import pytest

from asm_workshop.grading import submissions as submissions_module
from asm_workshop.grading.submissions import participant_id, unpack_submissions
from asm_workshop.translation import LANGUAGE_LINE
from conftest import ROOT

NOTEBOOKS = {"en": ["welcome.ipynb"]}


def files_of(folder):
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


def hashes(folder):
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and not p.is_symlink()}


def write_zip(path, entries):
    with zipfile.ZipFile(path, "w") as archive:
        for name, content in entries.items():
            archive.writestr(name, content)


@pytest.fixture
def class_folder(tmp_path):
    """Three participants: a folder, a zip with files at its top, a zip with one folder inside."""
    folder = tmp_path / "submissions"
    (folder / "awa" / "answers").mkdir(parents=True)
    (folder / "awa" / "welcome.ipynb").write_text("{}")
    (folder / "awa" / "answers" / "welcome.training_countries.json").write_text("[]")
    answer = "answers/welcome.training_countries.json"
    write_zip(folder / "boureima.zip", {"welcome.ipynb": "{}", answer: "[]"})
    write_zip(folder / "Chantal Kaboré.zip", {
        "welcome/welcome.ipynb": "{}", "welcome/answers/welcome.training_countries.json": "[]",
        "__MACOSX/welcome/._welcome.ipynb": "resource fork",
    })
    return folder


def test_folders_and_both_zip_layouts_unpack_to_the_same_shape(class_folder, tmp_path):
    unpacked = {s.participant: s for s in unpack_submissions(class_folder, tmp_path / "work", NOTEBOOKS)}
    assert sorted(unpacked, key=str.lower) == ["awa", "boureima", "Chantal_Kaboré"]
    for submission in unpacked.values():
        assert submission.problem is None
        assert files_of(submission.folder) == ["answers/welcome.training_countries.json", "welcome.ipynb"]


def test_unpacking_never_changes_the_submissions_folder(class_folder, tmp_path):
    before = hashes(class_folder)
    unpack_submissions(class_folder, tmp_path / "work", NOTEBOOKS)
    assert hashes(class_folder) == before


def test_names_become_ids_with_accents_kept_and_spaces_joined():
    assert participant_id("Chantal Kaboré.zip") == "Chantal_Kaboré"
    assert participant_id("awa") == "awa"
    assert participant_id(".hidden") is None
    assert participant_id("a;b") is None


def test_a_zip_reaching_outside_itself_is_refused_and_nothing_is_extracted(tmp_path):
    folder = tmp_path / "submissions"
    folder.mkdir()
    write_zip(folder / "sly.zip", {"welcome.ipynb": "{}", "../../escaped.txt": "out"})
    [submission] = unpack_submissions(folder, tmp_path / "work", NOTEBOOKS)
    assert submission.problem.key == "grading.reason_zip_unsafe"
    assert not list(tmp_path.rglob("escaped.txt"))


def test_a_file_that_is_not_a_zip_is_reported(tmp_path):
    folder = tmp_path / "submissions"
    folder.mkdir()
    (folder / "broken.zip").write_bytes(b"not a zip at all")
    [submission] = unpack_submissions(folder, tmp_path / "work", NOTEBOOKS)
    assert submission.problem.key == "grading.reason_bad_zip"


def test_a_zip_larger_than_the_limit_once_extracted_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(submissions_module, "MAX_BYTES", 1000)
    folder = tmp_path / "submissions"
    folder.mkdir()
    with zipfile.ZipFile(folder / "bomb.zip", "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("welcome.ipynb", "0" * 100_000)
    [submission] = unpack_submissions(folder, tmp_path / "work", NOTEBOOKS)
    assert submission.problem.key == "grading.reason_too_big"


def test_links_are_never_followed_nor_copied(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("the trainer's")
    folder = tmp_path / "submissions" / "awa"
    folder.mkdir(parents=True)
    (folder / "welcome.ipynb").write_text("{}")
    (folder / "stolen.txt").symlink_to(secret)
    (folder / "everything").symlink_to(tmp_path)
    [submission] = unpack_submissions(tmp_path / "submissions", tmp_path / "work", NOTEBOOKS)
    assert files_of(submission.folder) == ["welcome.ipynb"]
    assert [note.key for note in submission.notes] == ["grading.note_links_skipped"]


def test_a_single_notebook_under_another_name_is_graded_as_the_expected_one(tmp_path):
    folder = tmp_path / "submissions" / "awa"
    folder.mkdir(parents=True)
    (folder / "welcome (1).ipynb").write_text("{}")
    [submission] = unpack_submissions(tmp_path / "submissions", tmp_path / "work", NOTEBOOKS)
    assert files_of(submission.folder) == ["welcome.ipynb"]
    assert submission.notes[0].fields == {"name": "welcome (1).ipynb", "expected": "welcome.ipynb"}


BOTH_LANGUAGES = {"en": ["welcome.ipynb"], "fr": ["welcome_fr.ipynb"]}
FRENCH_NOTEBOOK = json.dumps({"cells": [{"cell_type": "code", "source": [LANGUAGE_LINE, "x = 1\n"]}]})


def test_the_notebook_a_submission_holds_says_its_language(tmp_path):
    folder = tmp_path / "submissions"
    for participant, name in [("awa", "welcome.ipynb"), ("bintou", "welcome_fr.ipynb")]:
        (folder / participant).mkdir(parents=True)
        (folder / participant / name).write_text("{}")
    write_zip(folder / "chantal.zip", {"welcome_fr (2).ipynb": FRENCH_NOTEBOOK})
    write_zip(folder / "dieudonne.zip", {"Copy of welcome.ipynb": "{}"})
    unpacked = {s.participant: s for s in unpack_submissions(folder, tmp_path / "work", BOTH_LANGUAGES)}
    assert {p: s.language for p, s in unpacked.items()} == {
        "awa": "en", "bintou": "fr", "chantal": "fr", "dieudonne": "en"}
    # A renamed French notebook is recognised by the line that sets French, and named as such.
    assert files_of(unpacked["chantal"].folder) == ["welcome_fr.ipynb"]
    assert files_of(unpacked["dieudonne"].folder) == ["welcome.ipynb"]


def test_a_submission_with_both_languages_is_graded_in_the_first_and_says_so(tmp_path):
    folder = tmp_path / "submissions" / "awa"
    folder.mkdir(parents=True)
    for name in ("welcome.ipynb", "welcome_fr.ipynb"):
        (folder / name).write_text("{}")
    [submission] = unpack_submissions(tmp_path / "submissions", tmp_path / "work", BOTH_LANGUAGES)
    assert submission.language == "en" and submission.problem is None
    assert submission.notes[0].key == "grading.note_both_editions"
    assert submission.notes[0].fields == {"names": "welcome.ipynb, welcome_fr.ipynb",
                                          "graded": "welcome.ipynb"}


def test_no_notebook_and_duplicate_ids_are_reported(tmp_path):
    folder = tmp_path / "submissions"
    (folder / "awa").mkdir(parents=True)
    (folder / "awa" / "notes.docx").write_text("no notebook")
    (folder / "bintou").mkdir()
    (folder / "bintou" / "welcome.ipynb").write_text("{}")
    write_zip(folder / "bintou.zip", {"welcome.ipynb": "{}"})
    problems = {s.origin.name: s.problem.key if s.problem else None
                for s in unpack_submissions(folder, tmp_path / "work", NOTEBOOKS)}
    assert problems == {"awa": "grading.reason_no_notebook", "bintou": None,
                        "bintou.zip": "grading.reason_duplicate"}


def test_the_fingerprint_changes_with_any_byte_of_the_submission(tmp_path, class_folder):
    [first, *_] = unpack_submissions(class_folder, tmp_path / "one", NOTEBOOKS)
    [again, *_] = unpack_submissions(class_folder, tmp_path / "two", NOTEBOOKS)
    assert first.fingerprint == again.fingerprint
    os.remove(class_folder / "awa" / "answers" / "welcome.training_countries.json")
    [changed, *_] = unpack_submissions(class_folder, tmp_path / "three", NOTEBOOKS)
    assert changed.fingerprint != first.fingerprint


def test_grading_refuses_to_write_inside_the_submissions_or_over_the_checkout(class_folder, tmp_path):
    from asm_workshop.grading.grade import grade_class

    before = hashes(class_folder)
    for out in (class_folder / "grades", ROOT, ROOT / "solutions" / "grades"):
        with pytest.raises(ValueError, match="folder"):
            grade_class("welcome", class_folder, out)
    assert hashes(class_folder) == before and not (ROOT / "solutions" / "grades").exists()
