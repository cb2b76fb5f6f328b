"""Two participants use one Voila server at once: each one's answers stay their own."""

from __future__ import annotations

import io
import json
import time
import zipfile

import nbformat
import pytest

from asm_workshop.answers import AnswerStore
from browser_helpers import TIMEOUT, saved_when
from conftest import ROOT, start_voila

pytestmark = [pytest.mark.slow, pytest.mark.browser]
PARTICIPANTS = {"awa": ("Sand and gravel", "sand"), "koffi": ("Gold", "gold")}


def open_welcome(voila_server, context, participant: str):
    base, _ = voila_server
    page = context.new_page()
    page.goto(f"{base}/voila/render/00_welcome.ipynb?participant={participant}",
              wait_until="domcontentloaded", timeout=TIMEOUT)
    return page


@pytest.fixture
def two_participants(voila_server, browser):
    """Awa and Koffi, each in their own browser (no shared cookies or storage), on the welcome lesson."""
    _, served = voila_server
    answers = served / "answers" / "participants"
    for participant in PARTICIPANTS:
        (answers / participant / "welcome.practice.json").unlink(missing_ok=True)
    contexts = {participant: browser.new_context(accept_downloads=True) for participant in PARTICIPANTS}
    # Both pages are requested before either is waited for: the two kernels start side by side.
    pages = {participant: open_welcome(voila_server, contexts[participant], participant)
             for participant in PARTICIPANTS}
    for page in pages.values():
        page.get_by_text("Which mineral do the Benin NGOs").wait_for(timeout=TIMEOUT)
    yield pages, answers, served / "answers"
    for context in contexts.values():
        context.close()


def shared_file_state(shared):
    path = shared / "welcome.practice.json"
    return path.read_text(encoding="utf-8") if path.exists() else None


def test_each_participant_saves_their_own_answer_and_gets_it_back(two_participants):
    pages, answers, shared = two_participants
    shared_before = shared_file_state(shared)
    for participant, (label, _) in PARTICIPANTS.items():
        pages[participant].get_by_label(label, exact=True).check()
    for participant, (_, choice) in PARTICIPANTS.items():
        path = answers / participant / "welcome.practice.json"
        assert saved_when(path, lambda value, choice=choice: value == [choice]) == [choice]
    # Nothing mixed: each folder holds only its owner's answer, and the room's shared file is untouched.
    assert json.loads((answers / "awa" / "welcome.practice.json").read_text())["value"] == ["sand"]
    assert json.loads((answers / "koffi" / "welcome.practice.json").read_text())["value"] == ["gold"]
    assert shared_file_state(shared) == shared_before

    for participant, (label, _) in PARTICIPANTS.items():
        page = pages[participant]
        page.reload(wait_until="domcontentloaded", timeout=TIMEOUT)
        page.get_by_text("Which mineral do the Benin NGOs").wait_for(timeout=TIMEOUT)
        page.get_by_text(f"Your answers are saved under your name, {participant}").wait_for(timeout=TIMEOUT)
        assert page.get_by_label(label, exact=True).is_checked()
        other = next(other_label for name, (other_label, _) in PARTICIPANTS.items() if name != participant)
        assert not page.get_by_label(other, exact=True).is_checked()


def test_the_download_link_gives_the_participant_their_own_answers(two_participants):
    pages, answers, _ = two_participants
    page = pages["koffi"]
    page.get_by_label("Gold", exact=True).check()
    saved_when(answers / "koffi" / "welcome.practice.json", lambda value: value == ["gold"])
    link = page.locator("a.asm-download-link")
    before = link.get_attribute("href") if link.count() else None
    page.get_by_role("button", name="Prepare the download").click()
    # The kernel rebuilds the link: its address changes, since it now holds the new answer.
    page.wait_for_function(
        "before => { const a = document.querySelector('a.asm-download-link');"
        " return a !== null && a.getAttribute('href') !== before; }",
        arg=before, timeout=TIMEOUT,
    )
    with page.expect_download(timeout=TIMEOUT) as download_info:
        link.click()
    download = download_info.value
    assert download.suggested_filename == "asm-answers-notebooks-koffi.zip"
    archive = zipfile.ZipFile(io.BytesIO(download.path().read_bytes()))
    content = json.loads(archive.read("answers/welcome.practice.json").decode("utf-8"))
    assert content["value"] == ["gold"]


# With a preheated pool, the kernel has run the whole lesson before its participant opens it -------

SAVED_BEFORE = {"awa": ("Sand and gravel", "sand", "Gold", "gold"),
                "koffi": ("Coltan", "coltan", "Sand and gravel", "sand")}
MARK_PRERENDERED = ("import json, pathlib\nfrom asm_workshop.participant import participant_pending\n"
                    "with pathlib.Path('prerendered.txt').open('a') as log:\n"
                    "    log.write(json.dumps({'pending': participant_pending()}) + '\\n')")


@pytest.fixture(scope="module")
def preheated_welcome(tmp_path_factory):
    """The workshop's Voila with one preheated kernel for the welcome lesson (refilled at once after
    each use), whose last cell, added for the test, notes that the pre-render got there."""
    served = tmp_path_factory.mktemp("preheated_welcome")
    notebook = nbformat.read(ROOT / "notebooks" / "00_welcome.ipynb", as_version=4)
    notebook.cells.append(nbformat.v4.new_code_cell(MARK_PRERENDERED))
    nbformat.write(notebook, served / "00_welcome.ipynb")
    for participant, (_, saved, _, _) in SAVED_BEFORE.items():
        AnswerStore(served / "answers" / "participants" / participant).save("welcome.practice", [saved])
    with start_voila(served, served.parent / "preheated_welcome.log", preheat=1, copy=False,
                     extra=("--Voila.log_level=INFO", "--VoilaKernelManager.fill_delay=0")) as base:
        yield base, served, served.parent / "preheated_welcome.log"


def test_participants_in_turn_get_their_own_answers_from_the_preheated_kernel(preheated_welcome, browser):
    base, served, log_path = preheated_welcome
    prerendered = served / "prerendered.txt"
    for number, (participant, (label, _, new_label, new_choice)) in enumerate(SAVED_BEFORE.items(), start=1):
        deadline = time.monotonic() + TIMEOUT / 1000
        while not (prerendered.exists() and len(prerendered.read_text().splitlines()) >= number):
            assert time.monotonic() < deadline, "the pool's kernel never finished the lesson"
            time.sleep(0.2)
        # The whole lesson ran before anyone asked for it.
        assert json.loads(prerendered.read_text().splitlines()[number - 1]) == {"pending": True}
        context = browser.new_context()
        page = context.new_page()
        page.goto(f"{base}/voila/render/00_welcome.ipynb?participant={participant}",
                  wait_until="domcontentloaded", timeout=TIMEOUT)
        page.get_by_text(f"Your answers are saved under your name, {participant}").wait_for(timeout=TIMEOUT)
        page.wait_for_function(
            "label => [...document.querySelectorAll('label')].some(l => l.textContent.trim() === label"
            " && l.querySelector('input') && l.querySelector('input').checked)", arg=label, timeout=TIMEOUT)
        page.get_by_label(new_label, exact=True).check()
        path = served / "answers" / "participants" / participant / "welcome.practice.json"
        saved_when(path, lambda value, choice=new_choice: value == [choice])
        context.close()
    assert log_path.read_text().count("Using pre-heated kernel") == 2
    assert not (served / "answers" / "welcome.practice.json").exists()
