import os
import re
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from asm_workshop.cli import main
from conftest import ROOT, free_port, live_group_members, stop_process_group


def copy_of_checkout(tmp_path):
    for folder in ("notebooks", "solutions", "exercises"):
        shutil.copytree(ROOT / folder, tmp_path / folder, ignore=shutil.ignore_patterns("answers"))
    return tmp_path


def test_module_and_script_show_the_commands():
    run = subprocess.run([sys.executable, "-m", "asm_workshop", "--help"], capture_output=True, text=True)
    assert run.returncode == 0
    for command in ("lab", "release", "check", "clean"):
        assert command in run.stdout


def test_present_refuses_to_preheat_an_app_that_does_not_exist(capsys):
    # Checked before Voila starts: a typo would otherwise preheat nothing, silently.
    assert main(["present", "--preheat", "2", "--app", "day1/1-9_no_such_lesson.ipynb"]) == 2
    assert "no such app" in capsys.readouterr().err


def test_the_quick_start_script_passes_present_on_to_the_workshop_command():
    # A facilitator with only Python runs `python3 workshop.py present`; the workshop's own
    # check answers, so the command reached asm-workshop present (without starting a server).
    # Never an install from a test (it would need the network): the suite runs in the .venv that
    # `workshop.py test` made, which covers `present`; if it did not, this fails and says so.
    run = subprocess.run([sys.executable, str(ROOT / "workshop.py"), "present", "--preheat", "1",
                          "--app", "no_such_app.ipynb"], capture_output=True, text=True, timeout=120,
                         env={**os.environ, "ASM_WORKSHOP_NO_INSTALL": "1"})
    assert run.returncode == 2
    assert "no such app" in run.stderr


@pytest.mark.slow
def test_check_passes_on_the_checkout(capsys):
    assert main(["check"]) == 0
    assert "FAIL" not in capsys.readouterr().out


@pytest.mark.slow
def test_check_says_what_is_wrong_in_plain_words(tmp_path, capsys):
    root = copy_of_checkout(tmp_path)
    (root / "exercises" / "welcome" / "notes.txt").write_text("added by hand")
    (root / "solutions" / "welcome" / "answers").mkdir()
    assert main(["check", "--root", str(root)]) == 1
    out = capsys.readouterr().out
    assert "FAIL  Participant exercises match the solutions" in out
    assert "exercises/welcome/notes.txt is not generated from solutions/" in out
    assert "solutions/welcome/answers would be handed to participants" in out


@pytest.mark.slow
def test_release_regenerates_missing_exercises(tmp_path):
    root = copy_of_checkout(tmp_path)
    shutil.rmtree(root / "exercises")
    assert main(["release", "--root", str(root)]) == 0
    assert (root / "exercises" / "welcome" / "welcome.ipynb").exists()
    assert main(["check", "--root", str(root)]) == 0


# Each language: the welcome notebook JupyterLab opens, its heading, and a menu of JupyterLab's own.
LAB_LANGUAGES = {
    "en": ("00_welcome.ipynb", "Welcome: Engaging with artisanal", "File"),
    "fr": ("00_welcome.fr.ipynb", "Bienvenue : travailler avec l'exploitation", "Fichier"),
}


@pytest.mark.slow
@pytest.mark.browser
@pytest.mark.parametrize("language", LAB_LANGUAGES)
def test_lab_opens_jupyterlab_at_the_welcome_lesson_in_the_language_asked(browser, tmp_path, language):
    welcome, heading_text, menu = LAB_LANGUAGES[language]
    port = free_port()
    log_path = tmp_path / "lab.log"
    with open(log_path, "w") as log:
        lab = subprocess.Popen(
            [sys.executable, "-m", "asm_workshop", "lab", "--root", str(copy_of_checkout(tmp_path)),
             "--language", language, "--no-browser", f"--port={port}",
             "--ServerApp.ip=127.0.0.1", "--IdentityProvider.token=test-token"],
            stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )
    try:
        url = None
        for _ in range(120):
            pattern = rf"http://127\.0\.0\.1:{port}/lab/tree/notebooks/{re.escape(welcome)}"
            match = re.search(pattern, log_path.read_text())
            if match:
                url = match.group(0) + "?token=test-token"
                break
            assert lab.poll() is None, log_path.read_text()
            time.sleep(0.5)
        assert url, log_path.read_text()
        # The address is printed as the server starts listening; on a loaded machine the first
        # request may still be refused for a moment (seen once in CI), so ask for a while.
        for _ in range(60):
            try:
                status = urllib.request.urlopen(url, timeout=30).status
                break
            except urllib.error.URLError:
                assert lab.poll() is None, log_path.read_text()
                time.sleep(0.5)
        else:
            raise AssertionError(f"JupyterLab never answered at {url}:\n{log_path.read_text()}")
        assert status == 200
        page = browser.new_page()
        page.goto(url, wait_until="domcontentloaded", timeout=90_000)
        heading = page.locator(".jp-RenderedMarkdown h1", has_text=heading_text)
        heading.wait_for(timeout=90_000)
        page.locator(".lm-MenuBar-itemLabel", has_text=menu).first.wait_for(timeout=30_000)
        page.close()
    finally:
        stop_process_group(lab)
    assert not live_group_members(lab.pid), "JupyterLab was left running after the test"


