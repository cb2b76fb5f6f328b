"""Two participants use one Voila server at once: each one's answers stay their own."""

from __future__ import annotations

import io
import json
import zipfile

import pytest

from browser_helpers import TIMEOUT, saved_when

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
