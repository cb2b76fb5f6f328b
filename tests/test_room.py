"""Room mode: the server asks for the room code, and with preheated kernels each participant still
gets their own answers. Every request goes to 127.0.0.1 (the server listens there too)."""

import http.client
import http.cookiejar
import shutil
import urllib.request
from pathlib import Path

import pytest

from asm_workshop.present import room_code
from browser_helpers import enter_gold
from conftest import ROOT, free_port, start_voila

pytestmark = pytest.mark.slow
TIMEOUT = 90_000
TOOL = "tools/mercury_estimator.ipynb"


def one_tool(tmp_path):
    """A served folder with one tool app only."""
    served = tmp_path / "notebooks"
    (served / "tools").mkdir(parents=True)
    shutil.copy(ROOT / "notebooks" / TOOL, served / "tools")
    return served


@pytest.fixture(scope="module")
def room(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("room")
    code = room_code()
    with start_voila(one_tool(tmp_path), tmp_path / "voila.log", token=code, copy=False) as base:
        yield base, code


def status_without_redirects(base, path, cookie=None):
    host, port = base.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=120)
    try:
        connection.request("GET", path, headers={"Cookie": cookie} if cookie else {})
        response = connection.getresponse()
        return response.status, response.read().decode("utf-8", "replace")
    finally:
        connection.close()


@pytest.mark.parametrize("path", ["/", f"/voila/render/{TOOL}", "/voila/tree/tools", "/api/kernels",
                                  f"/voila/render/{TOOL}?token=wrong-code"])
def test_without_the_room_code_nothing_is_served(room, path):
    base, _ = room
    status, body = status_without_redirects(base, path)
    assert status in (302, 403, 404), status
    assert "Mercury use estimator" not in body and "asm-app-link" not in body


def test_with_the_room_code_the_landing_page_opens_and_its_cookie_opens_the_apps(room):
    base, code = room
    cookies = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(cookies))
    with opener.open(f"{base}/?token={code}", timeout=60) as response:
        assert "asm-app-link" in response.read().decode("utf-8")
    assert cookies, "the code link leaves a cookie, so the landing page's links work without it"
    with opener.open(f"{base}/voila/render/{TOOL}", timeout=120) as response:
        assert response.url == f"{base}/voila/render/{TOOL}", "not sent to the login page"
        assert "Mercury use estimator" in response.read().decode("utf-8")


@pytest.mark.browser
def test_preheated_kernels_in_a_room_keep_each_participant_answers_apart(tmp_path, browser):
    served = one_tool(tmp_path)
    code = room_code()
    with start_voila(served, tmp_path / "voila.log", token=code, preheat=1, preheat_apps=(TOOL,),
                     copy=False) as base:
        answers = served / "tools" / "answers" / "participants"
        page = browser.new_page()
        try:
            saved = answers / "awa" / "tools.mercury_estimator.json"
            enter_gold(page, f"{base}/voila/render/{TOOL}?token={code}&participant=awa", 1000, saved)

            # The next participant gets the kernel that was preheated while Awa worked: it must
            # learn who they are from the request, not show Awa's answer.
            bintou = answers / "bintou" / "tools.mercury_estimator.json"
            enter_gold(page, f"{base}/voila/render/{TOOL}?participant=bintou", 2000, bintou)
            assert '"gold_kg_per_year": 1000' in saved.read_text(encoding="utf-8")

            page.goto(f"{base}/voila/render/{TOOL}?participant=awa", timeout=TIMEOUT)
            page.get_by_text("Mercury used: 3,000 kg a year").wait_for(timeout=TIMEOUT)
        finally:
            page.close()
    assert "Using pre-heated kernel" in (tmp_path / "voila.log").read_text()


@pytest.mark.browser
def test_after_a_server_restart_with_the_same_code_reload_brings_the_answer_back(tmp_path, browser):
    served = one_tool(tmp_path)
    code = room_code()
    port = free_port()
    page = browser.new_page()
    try:
        with start_voila(served, tmp_path / "voila.log", token=code, copy=False, port=port) as base:
            saved = served / "tools" / "answers" / "participants" / "kadi" / "tools.mercury_estimator.json"
            enter_gold(page, f"{base}/voila/render/{TOOL}?token={code}&participant=kadi", 1000, saved)
        page.locator("#asm-kernel-gone").wait_for(state="visible", timeout=60_000)
        with start_voila(served, tmp_path / "voila.log", token=code, copy=False, port=port):
            # The address keeps ?token= from the first visit; the cookie would do without it.
            page.goto(f"{base}/voila/render/{TOOL}?participant=kadi", timeout=TIMEOUT)
            page.get_by_text("Mercury used: 3,000 kg a year").wait_for(timeout=TIMEOUT)
    finally:
        page.close()


# Exports in a room: each participant's files go with their answers, and only to them --------------

GRID, MAP = "tools/stakeholder_grid.ipynb", "tools/influence_map.ipynb"
EXPORTERS = {"awa": "Coopérative d'Awa", "koffi": "Orpailleurs de Koffi"}
PNG = b"\x89PNG\r\n\x1a\n"


def beside_the_notebooks(served: Path) -> list[str]:
    """Every file under the served folder that is not in an answers folder."""
    return sorted(path.relative_to(served).as_posix() for path in served.rglob("*")
                  if path.is_file() and "answers" not in path.relative_to(served).parts)


def downloaded(page, name: str) -> bytes:
    """Click the page's download link for ``name``; return what the browser saved."""
    with page.expect_download(timeout=TIMEOUT) as download_info:
        page.locator(f"a.asm-export-download[download='{name}']").click()
    download = download_info.value
    assert download.suggested_filename == name
    return Path(download.path()).read_bytes()


def export_grid(page, base, code, participant):
    page.goto(f"{base}/voila/render/{GRID}?token={code}&participant={participant}", timeout=TIMEOUT)
    page.locator(".asm-grid-table tr", has_text="Mairie de Houéyogbé").wait_for(timeout=TIMEOUT)
    page.locator(".asm-grid-new-name input").fill(EXPORTERS[participant])
    page.locator(".asm-grid-add").click()
    page.locator(".asm-grid-table tr", has_text=EXPORTERS[participant]).wait_for(timeout=TIMEOUT)
    page.get_by_role("button", name="Save grid as PNG").click()
    page.locator("a.asm-export-download[download='tools.stakeholder_grid.png']").wait_for(timeout=TIMEOUT)
    page.get_by_role("button", name="Save table as CSV").click()
    page.locator("a.asm-export-download[download='tools.stakeholder_grid.csv']").wait_for(timeout=TIMEOUT)


def export_map(page, base, code, participant):
    page.goto(f"{base}/voila/render/{MAP}?token={code}&participant={participant}", timeout=TIMEOUT)
    page.get_by_text("Most connected: Chefs de carrière").wait_for(timeout=TIMEOUT)
    page.locator(".asm-map-new-actor input").fill(EXPORTERS[participant])
    page.get_by_role("button", name="Add actor").click()
    page.locator(".asm-map-summary", has_text=EXPORTERS[participant]).wait_for(timeout=TIMEOUT)
    page.get_by_role("button", name="Save tables as CSV").click()
    page.locator("a.asm-export-download[download='tools.influence_map.actors.csv']").wait_for(timeout=TIMEOUT)


@pytest.mark.browser
def test_in_a_room_each_participant_exports_into_their_own_folder_and_nobody_can_fetch_it(tmp_path,
                                                                                        browser):
    served = tmp_path / "notebooks"
    (served / "tools").mkdir(parents=True)
    for tool in (GRID, MAP):
        shutil.copy(ROOT / "notebooks" / tool, served / "tools")
    # A picture beside the notebooks, which Voila does serve: proof that the address below is the
    # right one, so that a refusal of the exports means they are kept back, not mistyped.
    (served / "tools" / "served_picture.png").write_bytes(PNG)
    before = beside_the_notebooks(served)
    code = room_code()
    contexts = {participant: browser.new_context(accept_downloads=True) for participant in EXPORTERS}
    try:
        with start_voila(served, tmp_path / "voila.log", token=code, copy=False) as base:
            pages = {participant: context.new_page() for participant, context in contexts.items()}
            for participant, page in pages.items():
                export_grid(page, base, code, participant)
            for participant, page in pages.items():
                exports = served / "tools" / "answers" / "participants" / participant / "exports"
                other = next(name for who, name in EXPORTERS.items() if who != participant)
                table = (exports / "tools.stakeholder_grid.csv").read_text(encoding="utf-8-sig")
                assert EXPORTERS[participant] in table and other not in table
                assert (exports / "tools.stakeholder_grid.png").read_bytes().startswith(PNG)
                # Offered in the page, to the participant's own device, with their own content.
                assert downloaded(page, "tools.stakeholder_grid.csv") == (
                    exports / "tools.stakeholder_grid.csv").read_bytes()
                assert downloaded(page, "tools.stakeholder_grid.png") == (
                    exports / "tools.stakeholder_grid.png").read_bytes()
            for participant, page in pages.items():
                export_map(page, base, code, participant)
                exports = served / "tools" / "answers" / "participants" / participant / "exports"
                actors = (exports / "tools.influence_map.actors.csv").read_text(encoding="utf-8-sig")
                assert EXPORTERS[participant] in actors
                assert downloaded(page, "tools.influence_map.actors.csv") == (
                    exports / "tools.influence_map.actors.csv").read_bytes()

            assert beside_the_notebooks(served) == before, "nothing is written beside the notebooks"
            assert not (served / "tools" / "answers" / "exports").exists(), "nor in the room's shared folder"
            cookie = "; ".join(f"{c['name']}={c['value']}" for c in contexts["awa"].cookies())
            assert status_without_redirects(base, "/voila/files/tools/served_picture.png", cookie)[0] == 200
            for path in ("tools/answers/participants/awa/exports/tools.stakeholder_grid.png",
                         "tools/answers/participants/koffi/exports/tools.stakeholder_grid.png",
                         "tools/tools.stakeholder_grid.png", "tools/tools.influence_map.png"):
                status, _ = status_without_redirects(base, f"/voila/files/{path}", cookie)
                assert status in (403, 404), f"{path} was served ({status})"
    finally:
        for context in contexts.values():
            context.close()
