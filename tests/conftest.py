"""Shared fixtures: the checkout, a clean language, one Voila server and one browser."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import ipywidgets as widgets
import pytest

from asm_workshop import i18n

ROOT = Path(__file__).resolve().parents[1]
# The sourced facts every real figure must come from: named by an environment variable, or in
# the shared folder beside the checkout where the curriculum was written (always so in CI).
FACTS = next(
    (path for path in (Path(os.environ.get("ASM_WORKSHOP_FACTS", "/nonexistent")),
                       ROOT.parent / "shared" / "reference" / "facts.md") if path.is_file()),
    None,
)
needs_facts = pytest.mark.skipif(
    FACTS is None and not os.environ.get("CI"), reason="facts.md is not beside this checkout"
)
FIXTURES = Path(__file__).parent / "fixtures"
CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(autouse=True)
def english():
    """Every test starts, and leaves, in English, with no widget of an earlier test open.

    ipywidgets keeps every open widget alive, and each one redraws on a language change,
    so widgets left open by earlier tests would make later tests slow.
    """
    widgets.Widget.close_all()
    i18n.set_language("en")
    yield
    widgets.Widget.close_all()
    i18n.set_language("en")


@pytest.fixture
def in_tmp_path(tmp_path, monkeypatch):
    """Run the test with the working folder (where answers/ goes) in a temporary folder."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def voila_server(tmp_path_factory):
    """Voila serving a copy of notebooks/ on 127.0.0.1; yields (base URL, served folder).

    The small notebooks of tests/fixtures/apps/ (one tool each, for browser tests of that
    tool alone) are served too, under ``apps/``: ``{base}/voila/render/apps/<name>.ipynb``.
    """
    served = tmp_path_factory.mktemp("served") / "notebooks"
    not_served = shutil.ignore_patterns("answers", ".ipynb_checkpoints")
    shutil.copytree(ROOT / "notebooks", served, ignore=not_served)
    shutil.copytree(FIXTURES / "apps", served / "apps")
    port = free_port()
    log = open(served.parent / "voila.log", "w")
    process = subprocess.Popen(
        [sys.executable, "-m", "voila", str(served), "--no-browser", f"--port={port}",
         "--Voila.ip=127.0.0.1", "--show_tracebacks=True", "--ServerApp.log_level=WARNING"],
        stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_for(base, process, served.parent / "voila.log")
        yield base, served
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
        log.close()


def _wait_for(base: str, process: subprocess.Popen, log: Path, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"Voila exited early:\n{log.read_text()}")
        try:
            urllib.request.urlopen(base + "/", timeout=2)
            return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"Voila did not answer within {seconds} s:\n{log.read_text()}")


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium, driven by Playwright (its own browser download does not work here)."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"The browser tests need Debian's chromium at {CHROMIUM}: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"],
        )
        yield browser
        browser.close()
