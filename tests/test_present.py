"""``asm-workshop present``: the command line, the landing page, what the server refuses to serve,
and the notice a participant sees when their app's kernel is gone."""

import html
import http.client
import json
import re
import shutil
import subprocess
import sys
import time
import urllib.request

import nbformat
import pytest
import websocket
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from asm_workshop import paths, present, reading
from asm_workshop.curriculum import lessons, tools
from browser_helpers import enter_gold
from conftest import ROOT, free_port, start_voila, stop_process_group

TIMEOUT = 90_000


# The command line and the curriculum listing: plain functions.

def test_voila_command_runs_the_workshop_voila_on_loopback_without_a_code_by_default(tmp_path):
    command = present.voila_command(tmp_path, port=9999)
    assert command[:3] == [sys.executable, "-m", "asm_workshop.present"]
    assert str(tmp_path.resolve()) in command
    assert "--port=9999" in command and "--Voila.ip=127.0.0.1" in command
    assert not [part for part in command if "token" in part or "preheat" in part]


def test_voila_command_with_a_room_code_and_preheated_kernels(tmp_path):
    command = present.voila_command(tmp_path, port=9999, ip="0.0.0.0", token="abc234", preheat=2)
    assert "--Voila.ip=0.0.0.0" in command and "--token=abc234" in command
    assert "--preheat_kernel=True" in command
    pools = next(part for part in command if part.startswith("--VoilaKernelManager.kernel_pools_config="))
    # Kernels for the welcome lesson only: a pool for every notebook would be 19 x 2 kernels.
    assert json.loads(pools.split("=", 1)[1]) == {"default": {"pool_size": 0},
                                                   "00_welcome.ipynb": {"pool_size": 2}}
    secret = next(part for part in command if part.startswith("--Voila.cookie_secret="))
    assert "abc234" not in secret, "the cookie secret does not give the room code away"
    assert secret == next(part for part in present.voila_command(tmp_path, port=1, token="abc234")
                          if part.startswith("--Voila.cookie_secret=")), "the same code, the same secret"


def test_preheated_kernels_go_to_the_apps_named(tmp_path):
    command = present.voila_command(tmp_path, port=9999, preheat=30,
                                    preheat_apps=["day1/1-1_what_is_asm.ipynb", "tools/risk_matrix.ipynb"])
    pools = next(part for part in command if part.startswith("--VoilaKernelManager.kernel_pools_config="))
    assert json.loads(pools.split("=", 1)[1]) == {
        "default": {"pool_size": 0}, "day1/1-1_what_is_asm.ipynb": {"pool_size": 30},
        "tools/risk_matrix.ipynb": {"pool_size": 30}}


def test_the_curriculum_lists_welcome_each_day_then_every_tool_with_their_first_heading():
    groups = present.curriculum(ROOT / "notebooks")
    keys = [group["key"] for group in groups]
    assert keys[0] == "welcome" and keys[-1] == "tools"
    days = [key for key in keys if key.startswith("day")]
    assert days == sorted(days)
    listed = [app["path"]["en"] for group in groups for app in group["apps"]]
    expected = [path.relative_to(ROOT / "notebooks").as_posix() for path in lessons() + tools()]
    assert sorted(listed) == sorted(expected)
    # Each app's French edition, beside it.
    assert sorted(app["path"]["fr"] for group in groups for app in group["apps"]) == sorted(
        path.removesuffix(".ipynb") + ".fr.ipynb" for path in expected)
    day1 = next(group for group in groups if group["key"] == "day1")
    assert day1["title"] == {"en": "Day 1", "fr": "Jour 1"}
    first = day1["apps"][0]
    for language in ("en", "fr"):
        edition = ROOT / "notebooks" / first["path"][language]
        assert first["title"][language] == present.notebook_title(edition)
        assert not first["title"][language].startswith("#")
    assert first["title"]["fr"] != first["title"]["en"]


def test_a_tool_added_to_tools_is_listed_without_touching_anything_else(tmp_path):
    shutil.copytree(ROOT / "notebooks" / "tools", tmp_path / "tools")
    title = new_markdown_cell("# Seasonal calendar\n\nMark the busy months.")
    notebook = new_notebook(cells=[title, new_code_cell("1")])
    nbformat.write(notebook, tmp_path / "tools" / "seasonal_calendar_test.ipynb")
    (tmp_path / "tools" / "answers").mkdir()
    nbformat.write(notebook, tmp_path / "tools" / "answers" / "not_a_tool.ipynb")
    groups = present.curriculum(tmp_path)
    assert [group["key"] for group in groups] == ["tools"]
    # Without a French edition yet, the French link opens the English app.
    added = "tools/seasonal_calendar_test.ipynb"
    assert {"path": {"en": added, "fr": added},
            "title": {"en": "Seasonal calendar", "fr": "Seasonal calendar"}} in groups[0]["apps"]
    assert len(groups[0]["apps"]) == len(tools()) + 1


def test_room_codes_are_new_each_time_and_easy_to_read_aloud():
    codes = {present.room_code() for _ in range(50)}
    assert len(codes) == 50
    assert all(re.fullmatch(r"[a-km-np-z2-9]{8}", code) for code in codes)


def test_the_room_address_carries_the_code_and_lan_addresses_are_not_loopback():
    assert present.room_address("192.168.1.20", 8866, "abc") == "http://192.168.1.20:8866/?token=abc"
    assert present.room_address("127.0.0.1", 8866, None) == "http://127.0.0.1:8866/"
    assert all(not address.startswith("127.") for address in present.lan_addresses())


def test_the_repository_config_hides_code_and_tracebacks_and_culls_idle_kernels():
    config = json.loads((paths.share_folder() / "voila.json").read_text(encoding="utf-8"))
    voila = config["VoilaConfiguration"]
    assert voila["template"] == present.TEMPLATE and voila["strip_sources"] is True
    assert voila["show_tracebacks"] is False and voila["allow_template_override"] == "NO"
    assert config["VoilaExecutor"]["timeout"] > 0
    culling = config["MappingKernelManager"]
    assert culling["cull_idle_timeout"] > 0 and culling["cull_interval"] > 0


# The landing page, served by the session's server.

@pytest.mark.slow
def test_the_landing_page_links_every_lesson_and_tool_and_starts_no_kernel(voila_server):
    base, _ = voila_server
    with urllib.request.urlopen(base + "/", timeout=30) as response:
        page = response.read().decode("utf-8")
    for notebook in lessons() + tools():
        path = notebook.relative_to(ROOT / "notebooks").as_posix()
        assert f'href="/voila/render/{path}"' in page
    assert "Jour 1" in page and "Day 1" in page and "Outils" in page
    assert "kernelId" not in page, "a static page: no kernel per visitor"


@pytest.mark.slow
@pytest.mark.browser
def test_a_participant_types_their_name_once_and_every_link_carries_it(voila_server, browser):
    base, _ = voila_server
    page = browser.new_page()
    try:
        page.goto(base + "/", timeout=TIMEOUT)
        page.locator("#asm-participant-code").fill("Awa Traoré")
        page.locator("#asm-participant-save").click()
        page.get_by_text("awa-traoré").wait_for()
        hrefs = page.locator("a.asm-app-link").evaluate_all("links => links.map(link => link.href)")
        assert hrefs and all(href.endswith("?participant=awa-traor%C3%A9") for href in hrefs)
        page.get_by_role("button", name="Français").click()
        assert page.get_by_text("Jour 1").is_visible() and not page.get_by_text("Day 1").is_visible()

        page.reload()
        assert page.locator("#asm-participant-code").input_value() == "awa-traoré"
        assert page.get_by_text("Jour 1").is_visible(), "the language chosen is kept"
        first = page.locator("a.asm-app-link").first.get_attribute("href")
        assert first.endswith("?participant=awa-traor%C3%A9")
    finally:
        page.evaluate("() => window.localStorage.clear()")
        page.close()


@pytest.mark.slow
def test_the_landing_page_lists_the_recommended_reading_in_both_languages(voila_server):
    base, _ = voila_server
    with urllib.request.urlopen(base + "/", timeout=30) as response:
        page = response.read().decode("utf-8")
    assert "Recommended reading" in page and "Lectures recommandées" in page
    for document in reading.DOCUMENTS:
        assert f'data-asm-reading="{document.id}"' in page
        assert f'href="{html.escape(document.addresses[0])}"' in page
        assert html.escape(document.title).replace("&#x27;", "&#39;") in page, "escaped as Jinja escapes"
    assert "Aucune version française trouvée." in page and "No French version found." in page


@pytest.mark.slow
@pytest.mark.browser
@pytest.mark.parametrize("language", ["English", "Français"])
def test_the_landing_page_never_scrolls_sideways_on_a_phone(voila_server, browser, language):
    # The French title is long: the language switch beside it must wrap, not push the page wider.
    base, _ = voila_server
    page = browser.new_page(viewport={"width": 390, "height": 844})
    try:
        page.goto(base + "/", timeout=TIMEOUT)
        page.get_by_role("button", name=language).click()
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
    finally:
        page.close()


@pytest.mark.slow
@pytest.mark.browser
def test_the_landing_page_reading_follows_the_language_and_links_outside(voila_server, browser):
    base, _ = voila_server
    page = browser.new_page()
    try:
        page.goto(base + "/", timeout=TIMEOUT)
        page.get_by_role("button", name="English").click()
        reading_list = page.locator("[data-asm-reading-list]")
        assert reading_list.get_by_text("Recommended reading").is_visible()
        assert reading_list.locator("li[data-asm-reading]").count() == len(reading.DOCUMENTS)
        page.get_by_role("button", name="Français").click()
        assert reading_list.get_by_text("Lectures recommandées").is_visible()
        assert not reading_list.get_by_text("Recommended reading").is_visible()
        links = reading_list.locator("a").evaluate_all(
            "links => links.map(link => [link.href, link.target, link.classList.contains('asm-app-link')])")
        assert links and all(href.startswith("http") and not href.startswith(base) for href, _, _ in links)
        assert all(target == "_blank" and not app_link for _, target, app_link in links)
    finally:
        page.evaluate("() => window.localStorage.clear()")
        page.close()


# What the server refuses.

@pytest.mark.slow
def test_a_raw_execute_request_over_the_app_websocket_is_refused(voila_server, tmp_path):
    base, _ = voila_server
    address = f"{base}/voila/render/tools/mercury_estimator.ipynb"
    with urllib.request.urlopen(address, timeout=120) as response:
        page = response.read().decode("utf-8")
    kernel_id = re.search(r'"kernelId": "([0-9a-f-]+)"', page).group(1)
    marker = tmp_path / "executed.txt"
    channel = websocket.create_connection(f"{base.replace('http', 'ws')}/api/kernels/{kernel_id}/channels",
                                          timeout=10)
    try:
        channel.send(json.dumps(_message("execute_request", {
            "code": f"open({str(marker)!r}, 'w').write('ran')", "silent": False, "store_history": False,
            "user_expressions": {}, "allow_stdin": False, "stop_on_error": True,
        })))
        channel.send(json.dumps(_message("kernel_info_request", {})))
        replies = _replies(channel, until="kernel_info_reply")
    finally:
        channel.close()
    assert "kernel_info_reply" in replies, "the channel itself works"
    assert "execute_reply" not in replies and "execute_input" not in replies
    time.sleep(1)
    assert not marker.exists(), "the kernel ran code sent by the browser"


@pytest.mark.slow
def test_notebooks_answers_python_files_and_paths_outside_the_folder_are_not_served(voila_server):
    base, served = voila_server
    secret = "asm-secret-marker-4f1c"
    answers = served / "tools" / "answers"
    answers.mkdir(parents=True, exist_ok=True)
    (answers / "tools.secret.json").write_text(json.dumps({"value": secret}))
    (answers / "chart.png").write_bytes(b"\x89PNG" + secret.encode())
    (served / "helper.py").write_text(f"# {secret}\n")
    (served.parent / "outside.png").write_bytes(b"\x89PNG" + secret.encode())
    notebook_text = "MercuryEstimator("
    port = int(base.rsplit(":", 1)[1])
    refused = [
        "/voila/files/tools/mercury_estimator.ipynb",
        "/voila/files/tools/answers/tools.secret.json",
        "/voila/files/tools/answers/chart.png",
        "/voila/files/helper.py",
        "/voila/files/../outside.png",
        "/voila/files/%2e%2e/outside.png",
        "/voila/files/..%2Foutside.png",
        "/voila/static/../../outside.png",
        "/voila/static/%2e%2e/%2e%2e/%2e%2e/outside.png",
        "/voila/templates/asm/static/../../../../../../outside.png",
        "/voila/templates/asm/static/%2e%2e/%2e%2e/conf.json",
        "/files/tools/mercury_estimator.ipynb",
        "/notebooks/tools/mercury_estimator.ipynb",
        "/api/contents/tools/mercury_estimator.ipynb",
        "/voila/tree/tools/answers/tools.secret.json",
        "/voila/render/../outside.png",
        "/voila/render/tools/answers/tools.secret.json",
    ]
    leaks = {}
    for path in refused:
        status, body = _raw_get(port, path)
        if status == 200 or secret in body or notebook_text in body:
            leaks[path] = status
    assert leaks == {}
    (served / "tools" / "map.png").write_bytes(b"\x89PNG" + secret.encode())
    assert _raw_get(port, "/voila/files/tools/map.png") == (200, "\ufffdPNG" + secret), "images are served"
    status, body = _raw_get(port, "/voila/api/contents/tools/mercury_estimator.ipynb?content=1")
    assert notebook_text not in body and secret not in body, "the contents API gives no notebook source"


# The kernel is gone: the page says so and reloading brings the answers back.

@pytest.mark.slow
@pytest.mark.browser
def test_when_the_kernel_is_culled_the_page_says_so_and_reload_brings_the_answer_back(browser, tmp_path):
    served = tmp_path / "notebooks"
    (served / "tools").mkdir(parents=True)
    shutil.copy(ROOT / "notebooks" / "tools" / "mercury_estimator.ipynb", served / "tools")
    culling = ("--MappingKernelManager.cull_idle_timeout=3", "--MappingKernelManager.cull_interval=1")
    with start_voila(served, tmp_path / "voila.log", extra=culling, copy=False) as base:
        page = browser.new_page()
        try:
            saved = served / "tools" / "answers" / "participants" / "kadi" / "tools.mercury_estimator.json"
            enter_gold(page, f"{base}/voila/render/tools/mercury_estimator.ipynb?participant=kadi", 1000,
                       saved)

            notice = page.locator("#asm-kernel-gone")
            notice.wait_for(state="visible", timeout=60_000)
            assert "lost its connection to the workshop server" in notice.inner_text()
            assert "a perdu sa connexion au serveur" in notice.inner_text()
            page.get_by_role("button", name="Reload / Recharger").click()
            page.get_by_text("Mercury used: 3,000 kg a year").wait_for(timeout=TIMEOUT)
            assert page.url.endswith("?participant=kadi")
            assert page.locator(".asm-mercury-gold input").input_value() == "1000"
            assert not notice.is_visible()
        finally:
            page.close()


@pytest.mark.slow
def test_present_serves_the_landing_page_and_says_where(tmp_path):
    port = free_port()
    served = tmp_path / "notebooks"
    shutil.copytree(ROOT / "notebooks" / "tools", served / "tools")
    process = subprocess.Popen(
        [sys.executable, "-m", "asm_workshop", "present", "--port", str(port), "--notebooks", str(served)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True,
    )
    try:
        lines = []
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and not any("The workshop is ready" in line for line in lines):
            lines.append(process.stdout.readline())
        assert any(f"On this computer: http://127.0.0.1:{port}/" in line for line in lines), lines
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=30) as response:
            assert "Mercury use estimator" in response.read().decode("utf-8")
    finally:
        stop_process_group(process)


def _message(message_type: str, content: dict) -> dict:
    import uuid

    header = {"msg_id": uuid.uuid4().hex, "msg_type": message_type, "username": "test", "session": "test",
              "date": "2024-01-01T00:00:00Z", "version": "5.3"}
    return {"header": header, "parent_header": {}, "metadata": {}, "content": content, "channel": "shell",
            "buffers": []}


def _replies(channel, until: str, seconds: float = 20) -> list[str]:
    seen = []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and until not in seen:
        try:
            message = json.loads(channel.recv())
        except websocket.WebSocketTimeoutException:
            continue
        seen.append(message["header"]["msg_type"])
    # A little longer: an execute_reply would come after the kernel_info_reply.
    channel.settimeout(2)
    try:
        while True:
            seen.append(json.loads(channel.recv())["header"]["msg_type"])
    except (websocket.WebSocketTimeoutException, websocket.WebSocketConnectionClosedException):
        pass
    return seen


def _raw_get(port: int, path: str) -> tuple[int, str]:
    """GET ``path`` exactly as written (no normalising of ../ or %2e), without following redirects."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.read().decode("utf-8", "replace")
    finally:
        connection.close()
