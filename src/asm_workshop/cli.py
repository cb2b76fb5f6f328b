"""The ``asm-workshop`` command: open or present the workshop, regenerate exercises, check the curriculum.

Each command imports what it needs when it runs (nbgrader for ``grade``, ``release`` and ``check``,
Voila for ``present``), so ``--help`` and the light commands start at once.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

from asm_workshop import curriculum
from asm_workshop.i18n import LANGUAGES
from asm_workshop.paths import WorkshopFolderMissing, repository_root, share_folder


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    parser = argparse.ArgumentParser(prog="asm-workshop", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    lab = commands.add_parser(
        "lab", help="open the workshop in JupyterLab at the welcome lesson (other options go to jupyter lab)"
    )
    lab.add_argument("--language", choices=LANGUAGES, default="en",
                     help="fr: open the French welcome lesson, with JupyterLab's own menus in French "
                     "(the French notebooks sit beside the English ones, *.fr.ipynb)")
    release = commands.add_parser("release", help="regenerate exercises/ from solutions/ with nbgrader")
    release.add_argument("assignments", nargs="*", help="only these assignments (default: all)")
    check = commands.add_parser("check", help="check the curriculum and say what is wrong")
    translate = commands.add_parser(
        "translate", help="update the French catalogs (locale/fr/) from the English notebooks and write "
        "the French notebooks (*.fr.ipynb)")
    translate.add_argument("only", nargs="*", type=Path,
                           help="only these English notebooks or documents, starting a catalog for one "
                           "that has none (default: every one that has a catalog)")
    for command in (lab, release, check, translate):
        command.add_argument("--root", type=Path, default=None, help="the checkout (default: this one)")
    clean = commands.add_parser("clean", help="remove outputs and editor metadata from notebooks")
    clean.add_argument("paths", nargs="*", type=Path, help="notebooks (default: every committed one)")
    _add_grade_parser(commands)
    _add_present_parser(commands)
    _add_agenda_parser(commands)
    arguments, jupyter_options = parser.parse_known_args(argv)
    if jupyter_options and arguments.command != "lab":
        parser.error(f"unrecognized arguments: {' '.join(jupyter_options)}")
    arguments.jupyter_options = jupyter_options
    commands_run = {"lab": _lab, "release": _release, "check": _check, "clean": _clean, "grade": _grade,
                    "present": _present, "translate": _translate, "agenda": _agenda, "kit": _kit}
    try:
        return commands_run[arguments.command](arguments)
    except WorkshopFolderMissing as error:
        print(f"error: {error}", file=sys.stderr)
        return 2


def _lab(arguments: argparse.Namespace) -> int:
    root = arguments.root or repository_root()
    # The whole checkout in the file browser (lessons, exercises, data), the welcome lesson open.
    welcome = curriculum.WELCOME
    command = [sys.executable, "-m", "jupyter", "lab", f"--ServerApp.root_dir={root}"]
    if arguments.language == "fr":
        welcome = welcome.removesuffix(".ipynb") + curriculum.FRENCH_SUFFIX
        # Default settings (overrides.json) that choose the French language pack: a learner may
        # still switch JupyterLab's language in its Settings menu.
        command.append(f"--LabApp.app_settings_dir={share_folder() / 'jupyter-lab-fr' / 'settings'}")
    command += [f"--LabApp.default_url=/lab/tree/notebooks/{welcome}", *arguments.jupyter_options]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        # Workshop laptops and containers often run as root; JupyterLab refuses without this.
        command.append("--allow-root")
    return subprocess.call(command, cwd=root, env=jupyter_server_environment())


def jupyter_server_environment() -> dict[str, str]:
    """Return the environment a Jupyter server of the workshop runs in (``lab``; Binder's ``start``
    sets the same): the workshop's server settings (``share/jupyter-config``) first on the config path.

    Those settings choose the synchronous ``LargeFileManager``: with the default asynchronous
    contents manager, Voila inside a Jupyter server never finishes a page whose markdown holds
    an image (voila#1473; ``tests/test_voila_in_server.py``).
    """
    config = [str(share_folder() / "jupyter-config"), *filter(None, [os.environ.get("JUPYTER_CONFIG_PATH")])]
    return {**os.environ, "JUPYTER_PREFER_ENV_PATH": "1", "JUPYTER_CONFIG_PATH": os.pathsep.join(config)}


def _release(arguments: argparse.Namespace) -> int:
    from asm_workshop.grading.release import generate_exercises

    root = arguments.root or repository_root()
    written = generate_exercises(root / "exercises", root, arguments.assignments or None)
    for notebook in written:
        print(f"wrote {notebook.relative_to(root)}")
    return 0


def _translate(arguments: argparse.Namespace) -> int:
    from asm_workshop.translation import translate

    for line in translate(arguments.root, [path.resolve() for path in arguments.only]):
        print(line)
    return 0


def _check(arguments: argparse.Namespace) -> int:
    from asm_workshop.checks import all_problems

    failed = False
    for check, problems in all_problems(arguments.root).items():
        print(f"{'FAIL' if problems else 'ok  '}  {check}")
        for problem in problems:
            print(f"      - {problem}")
        failed = failed or bool(problems)
    return 1 if failed else 0


def _clean(arguments: argparse.Namespace) -> int:
    from asm_workshop.notebook_hygiene import clean_file

    for path in arguments.paths or curriculum.notebooks():
        if clean_file(path):
            print(f"cleaned {path}")
    return 0


def _add_day_options(command: argparse.ArgumentParser) -> None:
    # The agenda and the kit date and time the days the same way.
    command.add_argument("--start", default="08:30", help="when each day starts (default: 08:30)")
    command.add_argument("--first-day", type=date.fromisoformat, default=None, metavar="YYYY-MM-DD",
                         help="the date of the first day (the next days follow it)")


def _add_agenda_parser(commands: argparse._SubParsersAction) -> None:
    agenda = commands.add_parser(
        "agenda", help="the facilitator's agenda with clock times: the three days, or a themed day",
        description="Build the agenda from the lessons' sections and the exercises' stated minutes "
        "(each lesson gets a fifth more time than it states; see asm_workshop.agenda). Prints it; with "
        "--out, also writes it as a printable A4 page. Exits with 1, saying why, when a day runs past "
        "its end.")
    agenda.add_argument("--theme", default=None,
                        help="a one-day themed workshop instead of the three days: rights (human "
                        "rights-based approaches), gender (gender in ASM), frm (adapting the Frugal "
                        "Rehabilitation Methodology), emp (ASM-inclusive environmental management planning)")
    _add_day_options(agenda)
    agenda.add_argument("--days", default=None, metavar="YYYY-MM-DD,...",
                        help="the date of each day, comma-separated (three for the workshop)")
    agenda.add_argument("--language", choices=LANGUAGES, default="en", help="the agenda's language")
    agenda.add_argument("--out", type=Path, default=None, help="a folder to write agenda.html into")
    kit = commands.add_parser(
        "kit", help="write the facilitator's kit into a folder: the agendas, the actor and situation "
        "cards and the certificates, as pages and A4 PDF files",
        description="Write OUT/<language>/agenda.html and agenda_<theme>.html, and the same as A4 PDF "
        "files where Chromium, Google Chrome or Microsoft Edge is installed (or the browser named in "
        "ASM_WORKSHOP_BROWSER).")
    kit.add_argument("--out", type=Path, required=True, help="the folder to write the kit into")
    kit.add_argument("--language", choices=LANGUAGES, default=None, help="one language (default: both)")
    _add_day_options(kit)
    kit.add_argument("--participants", type=Path, default=None, metavar="FILE",
                     help="a text file of the participants' names, one a line: adds their certificates")
    kit.add_argument("--place", default="", help="where the workshop is held, for the certificates")


def _kit(arguments: argparse.Namespace) -> int:
    from asm_workshop.kit import write_kit

    languages = (arguments.language,) if arguments.language else LANGUAGES
    try:
        participants = (arguments.participants.read_text(encoding="utf-8-sig").splitlines()
                        if arguments.participants else None)
        written, notes = write_kit(arguments.out, languages, start=arguments.start,
                                   first_day=arguments.first_day, participants=participants,
                                   place=arguments.place)
    except (ValueError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    for path in written:
        print(f"wrote {path}")
    for note in notes:
        print(note, file=sys.stderr)
    return 0


def _agenda(arguments: argparse.Namespace) -> int:
    from asm_workshop import agenda
    from asm_workshop.i18n import in_language

    with in_language(arguments.language):
        try:
            dates = ([date.fromisoformat(text.strip()) for text in arguments.days.split(",")]
                     if arguments.days else None)
            if arguments.theme:
                days = [agenda.themed_day(arguments.theme, start=arguments.start,
                                          day=(dates or [arguments.first_day])[0])]
            else:
                days = agenda.workshop(start=arguments.start, first_day=arguments.first_day, days=dates)
        except ValueError as error:
            print(f"error: {error}", file=sys.stderr)
            return 2
        print(agenda.to_text(days), end="")
        if arguments.out:
            arguments.out.mkdir(parents=True, exist_ok=True)
            name = f"agenda{'_' + arguments.theme if arguments.theme else ''}_{arguments.language}.html"
            (arguments.out / name).write_text(agenda.to_html(days), encoding="utf-8")
            print(f"wrote {arguments.out / name}")
        problems = agenda.problems(days)
        for problem in problems:
            print(f"error: {problem}", file=sys.stderr)
    return 1 if problems else 0


def _add_grade_parser(commands: argparse._SubParsersAction) -> None:
    grade = commands.add_parser(
        "grade", help="autograde a folder of submissions into grades, feedback pages and a class summary",
        description="Autograde every submission of ASSIGNMENT found in SUBMISSIONS (per participant, a "
        "folder or a .zip named by the participant's id, holding the notebook and its answers/ folder), "
        "each in its own process and throwaway course copy, sandboxed by bubblewrap where available, "
        "and in the language of the notebook it holds (welcome.ipynb or the French welcome_fr.ipynb). "
        "Writes OUT/grades.csv, OUT/summary.png and OUT/feedback/<id>/ASSIGNMENT/<notebook>.html. The "
        "gradebook is OUT/gradebook.db: grade written answers with the formgrader (run `jupyter lab` in "
        "OUT); running grade again keeps manual grades. SUBMISSIONS is never modified.",
    )
    grade.add_argument("assignment", help="the assignment's name in solutions/ (e.g. welcome)")
    grade.add_argument("submissions", type=Path, help="folder with one folder or .zip per participant")
    grade.add_argument("--out", type=Path, required=True,
                       help="output folder; OUT/gradebook.db is the gradebook (created, or updated keeping "
                       "manual grades)")
    grade.add_argument("--jobs", type=int, default=None,
                       help="submissions graded at once (default: one per processor)")
    grade.add_argument("--timeout", type=float, default=600,
                       help="seconds allowed per submission (default: 600)")
    grade.add_argument("--cell-timeout", type=int, default=120,
                       help="seconds allowed per cell (default: 120)")
    grade.add_argument("--memory", type=int, default=2048,
                       help="megabytes of memory per submission (default: 2048)")
    grade.add_argument("--sandbox", choices=("auto", "bwrap", "none"), default="auto",
                       help="auto: bubblewrap where it works (default); bwrap: require it; none: do without")
    grade.add_argument("--language", choices=("en", "fr"), default=None,
                       help="the trainer's language, for the reasons in grades.csv and summary.png "
                       "(default: French for a French assignment such as day1_fr, else English or "
                       "ASM_WORKSHOP_LANG); each feedback page is in its submission's language")
    grade.add_argument("--root", type=Path, default=None,
                       help="the checkout whose solutions/ is used (default: this one)")


def _grade(arguments: argparse.Namespace) -> int:
    if os.name == "nt":
        print("error: grade needs Linux (on Windows, run it in WSL).", file=sys.stderr)
        return 2
    from asm_workshop.grading.course import GradingError
    from asm_workshop.grading.grade import grade_class
    from asm_workshop.grading.gradebook_merge import GradebookMismatch, GradebookTampered
    from asm_workshop.grading.isolation import Limits
    from asm_workshop.grading.sandbox import SandboxUnavailable
    from asm_workshop.i18n import set_language
    from asm_workshop.translation import ASSIGNMENT_SUFFIX

    if arguments.language:
        set_language(arguments.language)
    elif arguments.assignment.endswith(ASSIGNMENT_SUFFIX):
        set_language("fr")  # the French edition's participants read their feedback in French
    limits = Limits(arguments.timeout, arguments.cell_timeout, arguments.memory)
    try:
        result = grade_class(
            arguments.assignment, arguments.submissions, arguments.out, root=arguments.root,
            jobs=arguments.jobs, limits=limits, sandbox=arguments.sandbox, progress=sys.stderr,
        )
    except (ValueError, SandboxUnavailable, GradebookMismatch, GradebookTampered, GradingError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    counts: dict[str, int] = {}
    for row in result.rows:
        counts[row.status] = counts.get(row.status, 0) + 1
    print(", ".join(f"{count} {status}" for status, count in sorted(counts.items())))
    print(f"grades:    {result.grades_csv}\nsummary:   {result.summary}")
    print(f"feedback:  {result.out / 'feedback'}")
    print(f"gradebook: {result.gradebook} (formgrader: run `jupyter lab` in {result.out})")
    if not result.sandboxed:
        print("warning: graded without bubblewrap: participants' code ran with your user's rights "
              "(see the README, 'Grading a class in one command').", file=sys.stderr)
    return 0


def _add_present_parser(commands: argparse._SubParsersAction) -> None:
    present = commands.add_parser(
        "present", help="serve every lesson and tool as a Voila app (code hidden), to a room or here",
        description="Serve notebooks/ with Voila: a landing page lists the days, their lessons and the "
        "tools, each opening as its own app. Without --room only this computer can open it; with --room "
        "every device on the same network can, with the room code.",
    )
    present.add_argument("--port", type=int, default=None, help="port to serve on (default: 8866)")
    present.add_argument("--room", action="store_true",
                         help="serve to the room: listen on every network address and require a room code")
    present.add_argument("--room-code", default=None,
                         help="the room code to require (default with --room: a new random one)")
    present.add_argument("--preheat", type=int, default=0, metavar="N",
                         help="keep N kernels started and run in advance for the app the room opens next, "
                         "so N participants opening it at once do not wait (default: 0; each kernel "
                         "takes about 140 MB)")
    present.add_argument("--app", action="append", default=None, metavar="PATH",
                         help="the app to preheat, relative to the notebooks folder, e.g. "
                         "day1/1-1_what_is_asm.ipynb (repeat for several; default: the welcome lesson)")
    present.add_argument("--notebooks", type=Path, default=None,
                         help="the folder to serve (default: the checkout's notebooks/)")
    present.add_argument("--language", choices=LANGUAGES, default=None,
                         help="the landing page's language for a participant who has not chosen one "
                         "(default: their browser's); each participant can still switch")


def _present(arguments: argparse.Namespace) -> int:
    import time
    import urllib.request

    from asm_workshop import present

    notebooks = arguments.notebooks or repository_root() / "notebooks"
    if not notebooks.is_dir():
        print(f"error: {notebooks} is not a folder of notebooks", file=sys.stderr)
        return 2
    port = arguments.port or present.DEFAULT_PORT
    room = arguments.room or arguments.room_code is not None
    code = (arguments.room_code or present.room_code()) if room else None
    ip = "0.0.0.0" if room else "127.0.0.1"
    apps = arguments.app or [curriculum.WELCOME]
    missing = [app for app in apps if arguments.preheat > 0 and not (notebooks / app).is_file()]
    if missing:
        print(f"error: no such app in {notebooks}: {', '.join(missing)}", file=sys.stderr)
        return 2
    command = present.voila_command(notebooks, port=port, ip=ip, token=code, preheat=arguments.preheat,
                                    preheat_apps=apps, language=arguments.language)
    started = time.monotonic()
    server = subprocess.Popen(command)
    local = present.room_address("127.0.0.1", port, code)
    try:
        while server.poll() is None:
            try:
                urllib.request.urlopen(local, timeout=2)
                break
            except OSError:
                time.sleep(0.2)
        if server.poll() is not None:
            print("error: Voila stopped before serving (is the port already in use?)", file=sys.stderr)
            return server.returncode or 1
        print(f"\nThe workshop is ready ({time.monotonic() - started:.1f} s). On this computer: {local}")
        if room:
            addresses = present.lan_addresses()
            print(f"Room code: {code}")
            for address in addresses or ["<this computer's address>"]:
                print(f"Participants open: {present.room_address(address, port, code)}")
            print("Tell participants: join this computer's Wi-Fi, open the address above, type your name "
                  "once on the first page. Press Ctrl+C here to stop.")
        else:
            print("Press Ctrl+C to stop.")
        return server.wait()
    except KeyboardInterrupt:
        server.terminate()
        server.wait()
        return 0
