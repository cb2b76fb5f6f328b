"""What the browser tests of the tools share: open a tool's app in Voila, wait for its answer file."""

from __future__ import annotations

import json
import time
import warnings
from pathlib import Path

TIMEOUT = 90_000


def render(page, voila_server, path: str) -> None:
    """Open ``path`` (``tools/<name>.ipynb?...``) in the test Voila, as a participant would: if the
    page has not loaded in TIMEOUT, warn with the end of Voila's log and load it once more. A page
    that loads in 5-20 s here once took over 90 s on CI's loaded machine (a single page, with
    nothing in the test's output to say why); a second miss fails, with the log."""
    from playwright.sync_api import TimeoutError as PageTimeout

    base, served = voila_server
    url = f"{base}/voila/render/{path}"
    try:
        page.goto(url, wait_until="domcontentloaded", timeout=TIMEOUT)
        return
    except PageTimeout:
        warnings.warn(f"{url} did not load in {TIMEOUT // 1000} s; loading it again. "
                      f"Voila's log ends:\n{log_tail(served)}", stacklevel=2)
    try:
        page.goto(url, wait_until="domcontentloaded", timeout=TIMEOUT)
    except PageTimeout as error:
        raise AssertionError(f"{url} did not load twice in {TIMEOUT // 1000} s. "
                             f"Voila's log ends:\n{log_tail(served)}") from error


def log_tail(served: Path, lines: int = 40) -> str:
    """The last ``lines`` of the log of the test Voila serving ``served`` (conftest.voila_server)."""
    log = served.parent / "voila.log"
    return "\n".join(log.read_text(errors="replace").splitlines()[-lines:]) if log.exists() else "(no log)"


def open_app(voila_server, browser, name: str, key: str):
    """Open the tool app notebooks/tools/<name>.ipynb in Voila, with no saved answer for ``key``.

    Returns the page and the path of the answer file the app writes.
    """
    _, served = voila_server
    path = served / "tools" / "answers" / f"{key}.json"
    path.unlink(missing_ok=True)
    page = browser.new_page()
    render(page, voila_server, f"tools/{name}.ipynb")
    return page, path


def saved_when(path: Path, check, seconds: float = 15):
    """Return the saved value once ``check(value)`` holds: the kernel saves just after it redraws."""
    deadline = time.monotonic() + seconds
    value = None
    while time.monotonic() < deadline:
        if path.exists():
            value = json.loads(path.read_text(encoding="utf-8"))["value"]
            if check(value):
                return value
        time.sleep(0.1)
    raise AssertionError(f"{path.name} never held the expected answer; last saved: {value}")


def enter_gold(page, url: str, gold_kg: int, answer_file: Path) -> None:
    """Open the mercury estimator at ``url``, type a yearly gold output (kg) and wait until the
    estimate shows it and ``answer_file`` holds it (whole-ore amalgamation: 3 kg of mercury per kg)."""
    page.goto(url, timeout=TIMEOUT)
    page.get_by_text("Mercury used: 25,815 kg a year").wait_for(timeout=TIMEOUT)
    page.locator(".asm-mercury-gold input").fill(str(gold_kg))
    page.get_by_text(f"Mercury used: {gold_kg * 3:,} kg a year").wait_for()
    saved_when(answer_file, lambda value: value["gold_kg_per_year"] == gold_kg)
