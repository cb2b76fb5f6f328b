"""The facilitator's kit: ``asm-workshop kit --out DIR [--language fr|en]``.

For each language asked (both by default), ``DIR/<language>/`` gets the agenda of the three days
(``agenda.html``) and of each one-day themed workshop (``agenda_<theme>.html``), the Net-Map actor
cards of each case (``actor_cards_<case>.html``), the situation cards of lesson 3.1
(``scenario_cards.html``) and, given the participants' names, their certificates of participation
(``certificates.html``), as pages that open and print offline, and, where a Chromium-based
browser is on the computer (Chromium, Google Chrome or Microsoft Edge; ``ASM_WORKSHOP_BROWSER``
names another), the same as A4 PDF files printed from them. Without such a browser the pages are
written and ``write_kit`` says that the PDF files were not: print the pages from any browser.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from datetime import date
from pathlib import Path

from asm_workshop import agenda, printables
from asm_workshop.cases import CASES
from asm_workshop.i18n import LANGUAGES, in_language, t

BROWSER_VARIABLE = "ASM_WORKSHOP_BROWSER"
"""Environment variable naming the browser to print PDF files with (a command or a path)."""
BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable",
                 "microsoft-edge", "msedge", "chrome")
BROWSER_PATHS = (
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
    "/Applications/Chromium.app/Contents/MacOS/Chromium",
    "/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge",
    r"C:\Program Files\Google\Chrome\Application\chrome.exe",
    r"C:\Program Files (x86)\Microsoft\Edge\Application\msedge.exe",
    r"C:\Program Files\Microsoft\Edge\Application\msedge.exe",
)


def find_browser() -> str | None:
    """The Chromium-based browser to print with: ``ASM_WORKSHOP_BROWSER``, else the first one
    found on the PATH or at its usual place; None when there is none."""
    named = os.environ.get(BROWSER_VARIABLE)
    if named is not None:
        return shutil.which(named) or (named if Path(named).is_file() else None)
    for name in BROWSER_NAMES:
        if found := shutil.which(name):
            return found
    return next((path for path in BROWSER_PATHS if Path(path).is_file()), None)


def print_pdf(page: Path, pdf: Path, browser: str) -> None:
    """Print the HTML file ``page`` to ``pdf`` (A4, the page's own margins) with ``browser``."""
    with tempfile.TemporaryDirectory() as profile:
        command = [browser, "--headless", "--disable-gpu", "--no-first-run", "--no-pdf-header-footer",
                   f"--user-data-dir={profile}", f"--print-to-pdf={pdf}", page.resolve().as_uri()]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            command.insert(1, "--no-sandbox")  # Chromium refuses to run as root with its sandbox
        subprocess.run(command, check=True, capture_output=True, timeout=120)
    if not pdf.is_file():
        raise RuntimeError(f"{browser} did not write {pdf}")


def write_kit(out: Path, languages: tuple[str, ...] = LANGUAGES, *, start: str = "08:30",
              first_day: date | None = None, participants: list[str] | None = None,
              place: str = "") -> tuple[list[Path], list[str]]:
    """Write the kit into ``out``; return the files written and what the facilitator should know
    (in English: the command's own output), such as PDF files not printed for want of a browser."""
    browser = find_browser()
    written: list[Path] = []
    notes: list[str] = []
    for language in languages:
        folder = out / language
        folder.mkdir(parents=True, exist_ok=True)
        with in_language(language):
            days = agenda.workshop(start=start, first_day=first_day)
            agendas = {"agenda": days}
            for theme in agenda.THEMES:
                agendas[f"agenda_{theme}"] = [agenda.themed_day(theme, start=start, day=first_day)]
            pages = {}
            for name, planned in agendas.items():
                notes += agenda.problems(planned)
                title = t("agenda.heading") if name == "agenda" else planned[0].title
                pages[name] = agenda.to_html(planned, title=title)
            for case in CASES:
                pages[f"actor_cards_{case}"] = printables.actor_cards_html(case)
            pages["scenario_cards"] = printables.scenario_cards_html()
            if participants:
                dates = [day.date for day in days if day.date is not None]
                pages["certificates"] = printables.certificates_html(participants, place=place, days=dates)
            for name, html in pages.items():
                page = folder / f"{name}.html"
                page.write_text(html, encoding="utf-8")
                written.append(page)
                if browser:
                    print_pdf(page, page.with_suffix(".pdf"), browser)
                    written.append(page.with_suffix(".pdf"))
    if not browser:
        notes.append("No Chromium, Google Chrome or Microsoft Edge found: the PDF files were not written. "
                     f"Print the pages from any browser, or name one in {BROWSER_VARIABLE}.")
    return written, notes


__all__ = ["BROWSER_VARIABLE", "find_browser", "print_pdf", "write_kit"]
