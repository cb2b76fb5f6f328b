"""Set up and run the workshop with nothing but Python 3.10+.

    python3 workshop.py lab       open the workshop in JupyterLab at the welcome lesson
    python3 workshop.py test      run the whole test suite (extra arguments go to pytest)
    python3 workshop.py present   serve the lessons and tools as apps (--room: to the room)

The first run creates a virtual environment in .venv/ and installs what is needed; later
runs reinstall only when pyproject.toml has changed.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
# Debian packages the tests use: the browser the UI tests drive, the grading sandbox.
SYSTEM_TOOLS = {"chromium": Path("/usr/bin/chromium"), "bubblewrap": Path("/usr/bin/bwrap")}


def ensure_environment(extras: str) -> None:
    """Create .venv and install the package with ``extras`` unless already up to date."""
    if sys.version_info < (3, 10):  # noqa: UP036 (this script may be started by an older Python)
        sys.exit("The workshop needs Python 3.10 or newer; this is " + sys.version.split()[0])
    stamp = VENV / f".installed-{extras or 'base'}"
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if stamp.exists() and stamp.read_text() == wanted and PYTHON.exists():
        return
    if not PYTHON.exists():
        print("Creating the virtual environment in .venv ...", flush=True)
        venv.create(VENV, with_pip=True)
    print("Installing the workshop and its tools (first time only) ...", flush=True)
    target = f".[{extras}]" if extras else "."
    run([PYTHON, "-m", "pip", "install", "--quiet", "--upgrade", "pip"])
    run([PYTHON, "-m", "pip", "install", "--quiet", "--editable", target])
    stamp.write_text(wanted)


def ensure_system_tools() -> None:
    """Install the Debian packages the tests use where we can (root with apt), else say how."""
    missing = [name for name, path in SYSTEM_TOOLS.items() if not path.exists()]
    if not missing or os.name == "nt":
        return
    if os.geteuid() == 0 and shutil.which("apt-get"):
        print(f"Installing {', '.join(missing)} for the tests ...", flush=True)
        run(["apt-get", "update", "-qq"])
        run(["apt-get", "install", "-y", "-qq", *missing])
    else:
        print(f"Some tests need Debian packages: sudo apt-get install {' '.join(missing)}", flush=True)


def run(command: list, **options) -> None:
    completed = subprocess.run([str(part) for part in command], cwd=ROOT, **options)
    if completed.returncode != 0:
        sys.exit(completed.returncode)


def main(arguments: list[str]) -> int:
    command, rest = (arguments[0], arguments[1:]) if arguments else ("lab", [])
    environment = {**os.environ, "PATH": str(BIN) + os.pathsep + os.environ.get("PATH", "")}
    if command in ("lab", "present"):
        ensure_environment("")
        return subprocess.call([str(PYTHON), "-m", "asm_workshop", command, *rest], cwd=ROOT, env=environment)
    if command == "test":
        ensure_environment("test")
        ensure_system_tools()
        # Two workers (CI has 2 cores); a file's tests stay together so module fixtures are shared.
        parallel = ["-n", "2", "--dist", "loadfile"]
        return subprocess.call([str(PYTHON), "-m", "pytest", *parallel, *rest], cwd=ROOT, env=environment)
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
