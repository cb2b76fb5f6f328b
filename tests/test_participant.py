"""Each participant's code, from the Voila page's address, names a safe folder of their own."""

from __future__ import annotations

import json
import os
import re
import threading
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest
from jupyter_client.manager import start_new_kernel

from asm_workshop.answers import answers_folder
from asm_workshop.participant import (
    CONNECT_SECONDS,
    MAX_LENGTH,
    code_from_query,
    in_voila,
    normalise_participant_code,
    participant_code,
)
from conftest import free_port, start_voila

# What Voila 0.5 puts in a kernel's environment (measured; see participant.py).
VOILA_VARIABLES = (
    "SERVER_SOFTWARE", "QUERY_STRING", "SCRIPT_NAME", "PATH_INFO", "SERVER_NAME", "SERVER_PORT",
    "SERVER_PROTOCOL", "VOILA_PREHEAT", "VOILA_KERNEL_ID", "VOILA_BASE_URL", "VOILA_SERVER_URL",
    "VOILA_REQUEST_URL", "VOILA_APP_IP", "VOILA_APP_PORT", "VOILA_WS_PROTOCOL", "VOILA_WS_BASE_URL",
)


@pytest.fixture
def kernel_environment(monkeypatch):
    """A clean slate: no Voila variables, and no participant remembered from an earlier test."""
    for name in VOILA_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    participant_code.cache_clear()
    yield monkeypatch
    participant_code.cache_clear()


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
    started = time.monotonic()
    assert participant_code() is None
    assert time.monotonic() - started < 0.05
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


def test_a_preheated_kernel_that_cannot_reach_voila_gives_up_quickly(kernel_environment):
    kernel_environment.setenv("VOILA_PREHEAT", "True")
    kernel_environment.setenv("VOILA_KERNEL_ID", "0b7e2d9c-0000-4000-8000-000000000000")
    kernel_environment.setenv("VOILA_APP_PORT", str(free_port()))  # nothing listens there
    started = time.monotonic()
    assert in_voila()
    assert participant_code() is None
    assert time.monotonic() - started < CONNECT_SECONDS + 1


def test_a_preheated_kernel_stops_waiting_when_voila_stops(kernel_environment):
    # A server that accepts the kernel's connection, then goes away without sending a request.
    from websockets.sync.server import serve

    def go_away(connection):
        time.sleep(0.3)
        connection.close()

    with serve(go_away, "127.0.0.1", 0) as server:
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        kernel_environment.setenv("VOILA_PREHEAT", "True")
        kernel_environment.setenv("VOILA_KERNEL_ID", "0b7e2d9c-0000-4000-8000-000000000000")
        kernel_environment.setenv("VOILA_APP_PORT", str(server.socket.getsockname()[1]))
        started = time.monotonic()
        assert participant_code() is None
        assert time.monotonic() - started < 3
        server.shutdown()


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


# The workshop's own Voila with a preheated pool: the kernel runs the notebook before anyone
# asks, and learns its participant only when the page is opened.
PROBE = (
    "from asm_workshop.answers import AnswerStore\n"
    "from asm_workshop.participant import participant_code\n"
    "AnswerStore().save('probe.participant', participant_code())"
)
CELL_SECONDS = 2


@pytest.fixture(scope="module")
def preheated_voila(tmp_path_factory):
    served = tmp_path_factory.mktemp("preheated")
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(PROBE)])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(notebook, served / "probe.ipynb")
    log_path = served.parent / f"{served.name}.log"
    # A short cell time limit: Voila interrupts the kernel that waits for its participant.
    extra = (f"--VoilaExecutor.timeout={CELL_SECONDS}", "--Voila.log_level=INFO")
    with start_voila(served, log_path, preheat=1, extra=extra, copy=False) as base:
        yield base, served, log_path


def _wait_for_log(log_path: Path, text: str, count: int, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if log_path.read_text().count(text) >= count:
            return
        time.sleep(0.2)
    raise AssertionError(f"Voila never logged {text!r} {count} times:\n{log_path.read_text()}")


@pytest.mark.slow
def test_preheated_kernels_wait_for_their_participant_even_when_interrupted(preheated_voila):
    base, served, log_path = preheated_voila
    for number, participant in enumerate(["awa", "koffi"], start=1):
        # The pool holds a kernel that ran up to the wait (refilled after each use), and waited
        # long enough for Voila to interrupt it.
        _wait_for_log(log_path, "is filled with 1 kernel", number)
        _wait_for_log(log_path, "Interrupting kernel", log_path.read_text().count("Interrupting kernel") + 1)
        with urllib.request.urlopen(f"{base}/voila/render/probe.ipynb?participant={participant}",
                                    timeout=60) as response:
            assert response.status == 200
            page = response.read().decode("utf-8")
        assert "KeyboardInterrupt" not in page and "There was an error" not in page
        saved = served / "answers" / "participants" / participant / "probe.participant.json"
        assert json.loads(saved.read_text(encoding="utf-8"))["value"] == participant
    assert log_path.read_text().count("Using pre-heated kernel") == 2
    assert not (served / "answers" / "probe.participant.json").exists()
