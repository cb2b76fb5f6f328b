"""Every page the workshop serves works with no internet: each request of the landing page, of
every lesson and of every tool goes to the serving host, and the browser logs no error."""

from urllib.parse import urlsplit

import pytest

from asm_workshop.curriculum import lessons, tools
from conftest import ROOT

pytestmark = [pytest.mark.slow, pytest.mark.browser]
TIMEOUT = 120_000
APPS = lessons() + tools()
APP_PATHS = [path.relative_to(ROOT / "notebooks").as_posix() for path in APPS]


def elsewhere(address: str, host: str) -> bool:
    """Whether a request goes anywhere but the serving host (data: and blob: addresses stay in the page)."""
    parts = urlsplit(address)
    if parts.scheme == "data":
        return False
    if parts.scheme == "blob":
        parts = urlsplit(parts.path)
    return parts.netloc != host


def record(page):
    """Start recording the page's requests, websockets and console errors; return the lists."""
    requests, errors = [], []
    page.on("request", lambda request: requests.append(request.url))
    page.on("websocket", lambda socket: requests.append(socket.url))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    return requests, errors


def test_the_landing_page_loads_only_from_the_server(voila_server, browser):
    base, _ = voila_server
    page = browser.new_page()
    try:
        requests, errors = record(page)
        page.goto(base + "/", wait_until="networkidle", timeout=TIMEOUT)
        assert page.locator("a.asm-app-link:visible").count() == len(APPS)  # in the language shown
        host = urlsplit(base).netloc
        assert [address for address in requests if elsewhere(address, host)] == []
        assert errors == []
    finally:
        page.close()


@pytest.mark.parametrize("path", APP_PATHS, ids=[path.split("/")[-1][:-6] for path in APP_PATHS])
def test_the_app_loads_only_from_the_server_and_logs_no_error(voila_server, browser, path):
    base, _ = voila_server
    page = browser.new_page()
    try:
        requests, errors = record(page)
        page.goto(f"{base}/voila/render/{path}", wait_until="load", timeout=TIMEOUT)
        page.locator("#rendered_cells").wait_for(state="visible", timeout=TIMEOUT)
        # Widgets are drawn once the kernel answers; icons and fonts load after them.
        page.wait_for_load_state("networkidle", timeout=TIMEOUT)
        assert page.evaluate("document.fonts.ready.then(() => document.fonts.status)") == "loaded"
        host = urlsplit(base).netloc
        assert [address for address in requests if elsewhere(address, host)] == []
        assert any("/voila/templates/asm/static/fontawesome/" in address for address in requests)
        assert errors == []
    finally:
        page.close()
