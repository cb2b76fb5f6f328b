"""Each participant's code, from the Voila page's address, names a safe folder of their own."""

from __future__ import annotations

import json
import os
import re
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest
from fake_voila import (
    KERNEL_ID,
    VOILA_VARIABLES,
    FakeVoilaQuery,
    clear_voila_environment,
    returns_without_waiting,
)
from jupyter_client.manager import start_new_kernel

from asm_workshop.answers import AnswerStore, answers_folder
from asm_workshop.participant import (
    CONNECT_SECONDS,
    MAX_LENGTH,
    code_from_query,
    forget_participant,
    in_voila,
    normalise_participant_code,
    on_participant_known,
    participant_code,
    participant_pending,
    wait_for_participant,
)
from conftest import free_port, start_voila


@pytest.fixture
def kernel_environment(monkeypatch):
    """A clean slate: no Voila variables, and no participant remembered from an earlier test."""
    clear_voila_environment(monkeypatch)
    yield monkeypatch
    forget_participant()


@pytest.fixture
def voila_query(monkeypatch):
    """A preheated kernel whose participant has not opened the page yet, and Voila's request websocket."""
    fake = FakeVoilaQuery(monkeypatch)
    yield fake
    fake.close()


def voila_request(monkeypatch, query: str) -> None:
    """Set what Voila sets in a kernel it starts for a request (no preheated pool)."""
    monkeypatch.setenv("SERVER_SOFTWARE", "voila/0.5.13")
    monkeypatch.setenv("VOILA_PREHEAT", "False")
    monkeypatch.setenv("QUERY_STRING", query)
    monkeypatch.setenv("SCRIPT_NAME", "/voila/render/00_welcome.ipynb")


@pytest.mark.parametrize(
    ("typed", "folder"),
    [
        ("awa", "awa"),
        ("Awa Traoré", "awa-traoré"),
        ("Awa Traore\u0301", "awa-traoré"),  # é written as e + accent: the same folder
        ("  Koffi   Mensah ", "koffi-mensah"),
        ("KOFFI", "koffi"),
        ("jean_paul-2", "jean_paul-2"),
        ("../x", "x"),
        ("..\\..\\windows", "windows"),
        ("a/b", "ab"),
        ("<script>alert(1)</script>", "scriptalert1script"),
        ("O'Brien & co.", "obrien-co"),
        ("Zoé.Kaboré@ong.bf", "zoékaboréongbf"),
        ("con", "con_"),
        ("--awa--", "awa"),
    ],
)
def test_a_typed_name_becomes_a_safe_folder_name(typed, folder):
    assert normalise_participant_code(typed) == folder


@pytest.mark.parametrize("typed", [None, "", "   ", ".", "..", "../..", "/", "%", "-_-", "\u0301"])
def test_a_name_with_nothing_usable_is_no_code(typed):
    assert normalise_participant_code(typed) is None


def test_a_very_long_name_is_cut_to_the_limit_without_a_trailing_dash():
    code = normalise_participant_code("Awa " * 30)
    assert len(code) <= MAX_LENGTH and code.startswith("awa-awa") and not code.endswith("-")
    assert len(normalise_participant_code("x" * 500)) == MAX_LENGTH


def test_no_code_is_ever_a_path():
    tricky = ["../x", "./.", "a/../../b", "C:\\Windows", "~root", "\x00nul", "..\u2215etc", "a\nb", "\u202e"]
    for typed in tricky:
        code = normalise_participant_code(typed)
        assert code is None or (re.fullmatch(r"[\w-]+", code) and code not in (".", "..")), typed
        assert code is None or Path(code).name == code


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("participant=awa", "awa"),
        ("participant=Awa%20Traor%C3%A9&theme=dark", "awa-traoré"),
        ("participant=koffi+mensah", "koffi-mensah"),
        ("x=1&participant=..%2F..%2Fetc", "etc"),
        ("participant=awa&participant=koffi", "awa"),
        ("participant=", None),
        ("participants=awa", None),
        ("", None),
    ],
)
def test_the_code_is_read_from_the_participant_parameter_of_the_address(query, code):
    assert code_from_query(query) == code


def test_outside_voila_there_is_no_participant_at_once(kernel_environment, tmp_path):
    assert participant_code() is None
    assert not participant_pending()  # nothing to wait for, nothing listening
    assert not in_voila()
    assert answers_folder(tmp_path) == tmp_path / "answers"


def test_in_voila_each_participant_gets_their_own_answers_folder(kernel_environment, tmp_path):
    voila_request(kernel_environment, "participant=Awa%20Traor%C3%A9")
    assert in_voila()
    assert answers_folder(tmp_path) == tmp_path / "answers" / "participants" / "awa-traoré"


def test_in_voila_without_a_code_answers_go_to_the_shared_folder(kernel_environment, tmp_path):
    voila_request(kernel_environment, "")
    assert in_voila() and participant_code() is None
    assert answers_folder(tmp_path) == tmp_path / "answers"


def test_the_previous_participants_address_is_never_read(kernel_environment, tmp_path):
    # A refilled preheated kernel carries the address of the participant served before.
    voila_request(kernel_environment, "participant=koffi")
    kernel_environment.setenv("VOILA_REQUEST_URL", "http://127.0.0.1:8866/voila/render/x.ipynb?participant=awa")
    assert participant_code() == "koffi"


def test_the_code_is_found_once_per_kernel(kernel_environment):
    voila_request(kernel_environment, "participant=awa")
    assert participant_code() == "awa"
    kernel_environment.setenv("QUERY_STRING", "participant=koffi")
    assert participant_code() == "awa"


def test_a_preheated_kernel_never_waits_for_its_participant(voila_query):
    assert participant_pending() and in_voila()
    assert returns_without_waiting(participant_code) is None
    heard = []
    on_participant_known(lambda: heard.append(participant_code()))
    assert heard == []  # not yet: nobody opened the page
    voila_query.bind("participant=Awa%20Traor%C3%A9")
    assert heard == ["awa-traoré"]
    assert not participant_pending() and participant_code() == "awa-traoré"
    assert os.environ["QUERY_STRING"] == "participant=Awa%20Traor%C3%A9"
    assert voila_query.paths == [f"/voila/query/{KERNEL_ID}"]


def test_a_request_sent_before_the_kernel_listens_is_not_lost(voila_query):
    voila_query.send_request("participant=koffi")  # Voila keeps it until the kernel connects
    assert wait_for_participant(5)
    assert participant_code() == "koffi"


def test_once_known_callbacks_run_at_once_and_a_cancelled_one_never(voila_query):
    heard = []
    cancel = on_participant_known(lambda: heard.append("cancelled"))
    cancel()
    voila_query.bind("participant=awa")
    on_participant_known(lambda: heard.append("late"))
    assert heard == ["late"]


def test_the_previous_participants_address_is_never_read_by_a_pool_kernel(voila_query, monkeypatch):
    # A refilled pool kernel carries the address of the participant served before.
    monkeypatch.setenv("VOILA_REQUEST_URL", "http://127.0.0.1:8866/voila/render/probe.ipynb?participant=awa")
    assert participant_pending()
    voila_query.bind("participant=koffi")
    assert participant_code() == "koffi"


def test_a_preheated_kernel_that_cannot_reach_voila_ends_with_no_participant(kernel_environment):
    kernel_environment.setenv("VOILA_PREHEAT", "True")
    kernel_environment.setenv("VOILA_KERNEL_ID", KERNEL_ID)
    kernel_environment.setenv("VOILA_APP_PORT", str(free_port()))  # nothing listens there
    heard = []
    on_participant_known(lambda: heard.append(participant_code()))
    # Not `participant_pending()` here: a refused connection may end the wait before it is asked.
    assert in_voila()
    assert wait_for_participant(CONNECT_SECONDS + 1)
    assert not participant_pending() and participant_code() is None and heard == [None]


def test_a_preheated_kernel_stops_listening_when_voila_stops(voila_query):
    assert participant_pending()
    voila_query.stop()  # the server goes away without sending a request
    assert wait_for_participant(30)
    assert participant_code() is None


def test_a_kernel_started_with_voilas_environment_saves_in_the_participants_folder(tmp_path):
    environment = {name: value for name, value in os.environ.items() if name not in VOILA_VARIABLES}
    environment.update(SERVER_SOFTWARE="voila/0.5.13", VOILA_PREHEAT="False",
                       QUERY_STRING="participant=Awa%20Traor%C3%A9")
    manager, client = start_new_kernel(kernel_name="python3", cwd=str(tmp_path), env=environment)
    try:
        printed = []
        client.execute_interactive(
            "from asm_workshop.answers import AnswerStore\n"
            "store = AnswerStore()\n"
            "store.save('welcome.practice', ['sand'])\n"
            "print(store.folder)",
            timeout=60,
            output_hook=lambda message: printed.append(message["content"].get("text", "")),
        )
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)
    folder = tmp_path / "answers" / "participants" / "awa-traoré"
    assert "".join(printed).strip() == str(folder)
    assert json.loads((folder / "welcome.practice.json").read_text(encoding="utf-8"))["value"] == ["sand"]


# The workshop's own Voila with a preheated pool: the kernel runs the whole notebook before anyone
# asks (a quiz first, as in a tool app, then a slow cell standing for the rest of a notebook), and
# learns its participant when the page is opened.
SLOW_SECONDS = 4
PROBE_CELLS = [
    "from asm_workshop.widgets import Quiz\n"
    "quiz = Quiz('probe.quiz', 'Which mineral?', {'gold': 'Gold', 'sand': 'Sand'}, correct='sand')\n"
    "quiz",
    f"import time\ntime.sleep({SLOW_SECONDS})",
    "import json, pathlib\n"
    "from asm_workshop.answers import AnswerStore\n"
    "from asm_workshop.participant import on_participant_known, participant_code, participant_pending\n"
    "with pathlib.Path('prerendered.txt').open('a') as log:\n"
    "    log.write(json.dumps({'pending': participant_pending()}) + '\\n')\n"
    "def seen():\n"
    "    AnswerStore().save('probe.seen', {'participant': participant_code(), 'quiz': quiz.value})\n"
    "on_participant_known(seen)",
]
CHOICES = {"awa": ["sand"], "koffi": ["gold"]}


@pytest.fixture(scope="module")
def preheated_voila(tmp_path_factory):
    """Voila with a pool of one kernel for probe.ipynb; cold.ipynb, the same notebook, has none."""
    served = tmp_path_factory.mktemp("preheated")
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(cell) for cell in PROBE_CELLS])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    for name in ("probe.ipynb", "cold.ipynb"):
        nbformat.write(notebook, served / name)
    for participant, choice in CHOICES.items():
        AnswerStore(served / "answers" / "participants" / participant).save("probe.quiz", choice)
    log_path = served.parent / f"{served.name}.log"
    with start_voila(served, log_path, preheat=1, preheat_apps=("probe.ipynb",), copy=False,
                     extra=("--Voila.log_level=INFO", "--VoilaKernelManager.fill_delay=0")) as base:
        yield base, served, log_path


def _wait_for(condition, what: str, seconds: float = 90):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError(f"never happened: {what}")


def _page_seconds(address: str) -> float:
    started = time.monotonic()
    with urllib.request.urlopen(address, timeout=120) as response:
        page = response.read().decode("utf-8")
    assert response.status == 200 and "There was an error" not in page
    return time.monotonic() - started


@pytest.mark.slow
def test_a_preheated_kernel_runs_the_whole_notebook_first_then_serves_its_participant(preheated_voila):
    base, served, log_path = preheated_voila
    prerendered = served / "prerendered.txt"
    seconds = {}
    for number, participant in enumerate(CHOICES, start=1):
        # The pool's kernel (refilled after each use) reached the last cell before anyone asked.
        _wait_for(lambda n=number: prerendered.exists() and len(prerendered.read_text().splitlines()) >= n,
                  f"pre-render {number}")
        assert json.loads(prerendered.read_text().splitlines()[number - 1]) == {"pending": True}
        seconds[participant] = _page_seconds(f"{base}/voila/render/probe.ipynb?participant={participant}")
        folder = served / "answers" / "participants" / participant
        _wait_for(lambda folder=folder: (folder / "probe.seen.json").exists(), f"{participant} bound")
        seen = json.loads((folder / "probe.seen.json").read_text(encoding="utf-8"))["value"]
        assert seen == {"participant": participant, "quiz": CHOICES[participant]}
    cold = _page_seconds(f"{base}/voila/render/cold.ipynb?participant=zoe")
    print(f"\npage with a pre-rendered kernel: {seconds['awa']:.2f} s, {seconds['koffi']:.2f} s; "
          f"without (runs the notebook, {SLOW_SECONDS} s of it asleep): {cold:.2f} s")
    assert max(seconds.values()) < SLOW_SECONDS / 2 < SLOW_SECONDS <= cold
    assert log_path.read_text().count("Using pre-heated kernel") == 2
    assert not (served / "answers" / "probe.seen.json").exists()
    assert not (served / "answers" / "probe.quiz.json").exists()
