"""Shared fixtures: the checkout, a clean language, one Voila server and one browser."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import ipywidgets as widgets
import pytest

from asm_workshop import i18n
from asm_workshop.paths import repository_root

ROOT = repository_root()
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
    """The workshop's Voila (as ``asm-workshop present`` runs it) serving a copy of notebooks/ on
    127.0.0.1; yields (base URL, served folder).

    Lessons are at ``{base}/voila/render/day1/<name>.ipynb``, the stand-alone tools at
    ``{base}/voila/render/tools/<name>.ipynb``, the landing page at ``{base}/``.
    """
    served = tmp_path_factory.mktemp("served") / "notebooks"
    with start_voila(served, served.parent / "voila.log") as base:
        yield base, served


@contextlib.contextmanager
def start_voila(served: Path, log_path: Path, *, token: str | None = None, preheat: int = 0,
                preheat_apps: tuple[str, ...] = ("00_welcome.ipynb",),
                extra: tuple[str, ...] = (), copy: bool = True, port: int | None = None):
    """Run the workshop's Voila (``present.voila_command``) on a copy of notebooks/ at ``served``;
    yield its base address once it answers. ``extra``: more Voila options, after the repo's own."""
    from asm_workshop.present import voila_command

    if copy:
        not_served = shutil.ignore_patterns("answers", ".ipynb_checkpoints")
        shutil.copytree(ROOT / "notebooks", served, ignore=not_served)
    port = port or free_port()
    log = open(log_path, "a")
    command = [*voila_command(served, port=port, token=token, preheat=preheat, preheat_apps=preheat_apps),
               *extra]
    process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_for(base + (f"/?token={token}" if token else "/"), process, log_path)
        yield base
    finally:
        stop_process_group(process)
        log.close()


def live_group_members(group: int) -> list[int]:
    """The processes of a process group that are still running, zombies left out.

    A zombie still answers ``kill(pid, 0)``, and where PID 1 of a container does not reap the
    orphans it inherits (as on these machines), a dead JupyterLab stays a zombie for good: asking
    the kernel through ``killpg(group, 0)`` would then say the group is alive when nothing runs.
    """
    members = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # the process ended while we read
            continue
        state, process_group = fields[0], int(fields[2])
        if process_group == group and state not in ("Z", "X"):
            members.append(int(stat.parent.name))
    return members


def stop_process_group(process: subprocess.Popen, grace_seconds: float = 10) -> None:
    """End a server started with start_new_session=True, and every process of its group.

    The group, not only its leader: a launcher (``asm-workshop lab``) dies at once on SIGTERM,
    while the JupyterLab it started can outlive it; kernels may too. What is still there after
    ``grace_seconds`` is killed.
    """
    try:
        os.killpg(process.pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    deadline = time.monotonic() + grace_seconds
    while time.monotonic() < deadline:
        process.poll()  # reap the leader, so that only live members keep the group
        if not live_group_members(process.pid):
            return
        time.sleep(0.2)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    deadline = time.monotonic() + grace_seconds
    while live_group_members(process.pid) and time.monotonic() < deadline:
        time.sleep(0.1)  # SIGKILL is delivered asynchronously


def _wait_for(address: str, process: subprocess.Popen, log: Path, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"Voila exited early:\n{log.read_text()}")
        try:
            urllib.request.urlopen(address, timeout=2)
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
