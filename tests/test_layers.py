"""The layers hold: the room server and the command line start without the grading stack.

Each import runs in a fresh interpreter, since this test session has long loaded nbgrader.
The import times are printed (``pytest -s``), not asserted: a busy laptop is slow.
"""

import json
import subprocess
import sys
import time

import pytest

GRADING_STACK = ("nbgrader", "sqlalchemy")


def _loaded_after(code: str) -> tuple[list[str], float]:
    probe = (
        "import json, sys, time\n"
        "started = time.perf_counter()\n"
        f"{code}\n"
        "elapsed = time.perf_counter() - started\n"
        f"print(json.dumps([[m for m in {GRADING_STACK!r} if m in sys.modules], elapsed]))\n"
    )
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    loaded, elapsed = json.loads(result.stdout.strip().splitlines()[-1])
    print(f"{code!r}: {elapsed:.2f} s in the interpreter, {time.perf_counter() - started:.2f} s in all")
    return loaded, elapsed


@pytest.mark.parametrize("module", ["asm_workshop.present", "asm_workshop.cli", "asm_workshop.curriculum",
                                    "asm_workshop.paths"])
def test_the_room_server_and_the_command_line_import_no_grading(module):
    loaded, _ = _loaded_after(f"import {module}")
    assert loaded == [], f"{module} imports {loaded}: import the grading inside the command that grades"


def test_present_help_loads_no_grading():
    loaded, _ = _loaded_after(
        "from asm_workshop.cli import main\n"
        "try:\n    main(['present', '--help'])\nexcept SystemExit:\n    pass"
    )
    assert loaded == []


def test_the_curriculum_checks_do_load_nbgrader_so_the_probe_can_see_it():
    # The probe's own check: a module that does import nbgrader is caught.
    loaded, _ = _loaded_after("import asm_workshop.checks")
    assert "nbgrader" in loaded
