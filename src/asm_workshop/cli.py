"""The ``asm-workshop`` command: open the workshop, regenerate exercises, check the curriculum."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

from asm_workshop.grading.config import repository_root

WELCOME = Path("notebooks") / "00_welcome.ipynb"


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    parser = argparse.ArgumentParser(prog="asm-workshop", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    lab = commands.add_parser(
        "lab", help="open the workshop in JupyterLab at the welcome lesson (other options go to jupyter lab)"
    )
    release = commands.add_parser("release", help="regenerate exercises/ from solutions/ with nbgrader")
    release.add_argument("assignments", nargs="*", help="only these assignments (default: all)")
    check = commands.add_parser("check", help="check the curriculum and say what is wrong")
    for command in (lab, release, check):
        command.add_argument("--root", type=Path, default=None, help="the checkout (default: this one)")
    clean = commands.add_parser("clean", help="remove outputs and editor metadata from notebooks")
    clean.add_argument("paths", nargs="*", type=Path, help="notebooks (default: every committed one)")
    arguments, jupyter_options = parser.parse_known_args(argv)
    if jupyter_options and arguments.command != "lab":
        parser.error(f"unrecognized arguments: {' '.join(jupyter_options)}")
    arguments.jupyter_options = jupyter_options
    return {"lab": _lab, "release": _release, "check": _check, "clean": _clean}[arguments.command](arguments)


def _lab(arguments: argparse.Namespace) -> int:
    root = arguments.root or repository_root()
    # The whole checkout in the file browser (lessons, exercises, data), the welcome lesson open.
    command = [
        sys.executable, "-m", "jupyter", "lab", f"--ServerApp.root_dir={root}",
        f"--LabApp.default_url=/lab/tree/{WELCOME.as_posix()}", *arguments.jupyter_options,
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        # Workshop laptops and containers often run as root; JupyterLab refuses without this.
        command.append("--allow-root")
    return subprocess.call(command, cwd=root, env={**os.environ, "JUPYTER_PREFER_ENV_PATH": "1"})


def _release(arguments: argparse.Namespace) -> int:
    from asm_workshop.grading.release import generate_exercises

    root = arguments.root or repository_root()
    written = generate_exercises(root / "exercises", root, arguments.assignments or None)
    for notebook in written:
        print(f"wrote {notebook.relative_to(root)}")
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
    from asm_workshop.checks import notebooks
    from asm_workshop.notebook_hygiene import clean_file

    for path in arguments.paths or notebooks():
        if clean_file(path):
            print(f"cleaned {path}")
    return 0
