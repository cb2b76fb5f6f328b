"""Set up and run the workshop with nothing but Python 3.11 or newer.

    python3 workshop.py lab       open the workshop in JupyterLab at the welcome lesson
    python3 workshop.py test      run the whole test suite (extra arguments go to pytest)
    python3 workshop.py present   serve the lessons and tools as apps (--room: to the room)
    python3 workshop.py lock      regenerate the locks in requirements/ from pyproject.toml (uv)

The first run creates a virtual environment in .venv/ and installs exactly the versions the
lock for this computer names (requirements/<os>-py<version>.txt, every file checked against
its hash), then the workshop itself; later runs install again only when the lock changes.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

MINIMUM_PYTHON = (3, 11)
"""nbgrader 0.9.6 does not install on anything older."""
ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
STAMP = VENV / ".installed-lock"
NO_INSTALL_VARIABLE = "ASM_WORKSHOP_NO_INSTALL"
"""Set to 1: never install (nor reach the network); stop with a message if .venv is not up to date."""
LOCKS = ROOT / "requirements"
LOCKED_PLATFORMS = ("linux", "windows", "macos")
"""uv's names for the operating systems a lock is made for (x86-64 Linux and Windows, Apple silicon)."""
LOCKED_PYTHONS = ("3.11", "3.12", "3.13")
TEST_EXTRA = "test"
DIGEST_PREFIX = "# pyproject.toml digest: "
MESSAGES = ROOT / "src" / "asm_workshop" / "messages" / "workshop.json"
"""This script's messages, in the package's catalog (checked like every other message), read with the
standard library because the package is not installed yet."""
# Debian packages the tests use: the browser the UI tests drive, the grading sandbox, spelling.
SYSTEM_TOOLS = {"chromium": Path("/usr/bin/chromium"), "bubblewrap": Path("/usr/bin/bwrap"),
                "hunspell": Path("/usr/bin/hunspell"), "hunspell-fr": Path("/usr/share/hunspell/fr_FR.dic"),
                "hunspell-en-us": Path("/usr/share/hunspell/en_US.dic")}


def say(key: str, **values: object) -> str:
    """Return the message ``key`` in English, then in French (no language is chosen before the
    workshop is installed), for a facilitator to read."""
    texts = json.loads(MESSAGES.read_text(encoding="utf-8"))[key]
    return "\n".join(texts[language].format(**values) for language in ("en", "fr"))


def lock_file(platform: str, python: str, extra: str = "") -> Path:
    """Return the lock for an operating system, a Python minor ("3.11") and an extra ("" or "test")."""
    return LOCKS / f"{platform}-py{python.replace('.', '')}{'-' + extra if extra else ''}.txt"


def this_platform() -> str:
    """Return the locked operating system this computer runs: linux, windows or macos."""
    if sys.platform.startswith("win"):
        return "windows"
    return "macos" if sys.platform == "darwin" else "linux"


def project_digest() -> str:
    """Return a digest of what the locks are made from: pyproject.toml's Python, dependencies and build.

    Each lock records it, so a test (and ``ensure_environment``) sees a lock made before a
    change to pyproject.toml.
    """
    import tomllib

    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    project = pyproject["project"]
    wanted = {
        "requires-python": project["requires-python"],
        "dependencies": project["dependencies"],
        "optional-dependencies": project.get("optional-dependencies", {}),
        "build": pyproject["build-system"]["requires"],
    }
    return hashlib.sha256(json.dumps(wanted, sort_keys=True).encode()).hexdigest()


def recorded_digest(lock: Path) -> str | None:
    """Return the pyproject.toml digest a lock was made from, or None if it records none."""
    for line in lock.read_text(encoding="utf-8").splitlines():
        if line.startswith(DIGEST_PREFIX):
            return line[len(DIGEST_PREFIX):].strip()
    return None


def ensure_environment(extra: str) -> None:
    """Create .venv and install this computer's lock (with ``extra``) unless it is installed already."""
    if sys.version_info < MINIMUM_PYTHON:  # noqa: UP036 (this script may be started by an older Python)
        sys.exit(say("workshop.python_too_old", version=sys.version.split()[0]))
    python = venv_python_version() or f"{sys.version_info.major}.{sys.version_info.minor}"
    lock = lock_file(this_platform(), python, extra)
    if not lock.exists():
        sys.exit(say("workshop.no_lock", python=python, platform=this_platform(),
                     pythons=", ".join(LOCKED_PYTHONS)))
    if recorded_digest(lock) != project_digest():
        sys.exit(say("workshop.stale_lock", lock=lock.relative_to(ROOT)))
    if PYTHON.exists() and STAMP.exists() and installed_lock_covers(lock, STAMP.read_text()):
        return
    if os.environ.get(NO_INSTALL_VARIABLE) == "1":
        sys.exit(say("workshop.no_install", lock=lock.relative_to(ROOT), variable=NO_INSTALL_VARIABLE))
    if not PYTHON.exists():
        print(say("workshop.creating"), flush=True)
        venv.create(VENV, with_pip=True)
    print(say("workshop.installing", lock=lock.relative_to(ROOT)), flush=True)
    STAMP.unlink(missing_ok=True)
    # The lock is complete and every file is checked against its hash; the workshop itself goes
    # in without dependencies, built with the locked setuptools (no unpinned build download).
    pip = [PYTHON, "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    run([*pip, "--require-hashes", "--no-deps", "--requirement", lock])
    run([*pip, "--no-deps", "--no-build-isolation", "--editable", "."])
    STAMP.write_text(stamp_text(lock))


def stamp_text(lock: Path) -> str:
    """Return what the stamp records of an install: the lock's name and content, and pyproject.toml's
    content (a new command or package setting reinstalls the workshop itself)."""
    digests = (hashlib.sha256(path.read_bytes()).hexdigest() for path in (lock, ROOT / "pyproject.toml"))
    return " ".join([lock.name, *digests])


def installed_lock_covers(lock: Path, stamp: str) -> bool:
    """True if the lock recorded in ``stamp`` is ``lock`` as it is now, or its test lock (a superset
    with the same versions), so that `test` then `lab` installs nothing again."""
    candidates = [lock]
    if not lock.stem.endswith(f"-{TEST_EXTRA}"):
        candidates.append(lock.with_name(f"{lock.stem}-{TEST_EXTRA}.txt"))
    return any(candidate.exists() and stamp == stamp_text(candidate) for candidate in candidates)


def venv_python_version() -> str | None:
    """Return the Python minor ("3.11") .venv was made with, or None when there is no .venv."""
    config = VENV / "pyvenv.cfg"
    if not config.exists():
        return None
    for line in config.read_text(encoding="utf-8").splitlines():
        key, _, value = line.partition("=")
        if key.strip() in ("version", "version_info"):
            return ".".join(value.strip().split(".")[:2])
    return None


def lock() -> int:
    """Regenerate every lock in requirements/ with uv (installed with the test tools); return 0."""
    # uv comes with the test tools; any uv on PATH will do when .venv is not there yet.
    uv = BIN / ("uv.exe" if os.name == "nt" else "uv")
    uv = uv if uv.exists() else shutil.which("uv")
    if not uv:
        sys.exit(say("workshop.needs_uv"))
    import tomllib

    build = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["build-system"]["requires"]
    digest = project_digest()
    LOCKS.mkdir(exist_ok=True)
    for platform in LOCKED_PLATFORMS:
        for python in LOCKED_PYTHONS:
            for extra in ("", TEST_EXTRA):
                target = lock_file(platform, python, extra)
                command = [uv, "pip", "compile", "pyproject.toml", "-", "--quiet", "--generate-hashes",
                           "--no-header", "--python-platform", platform, "--python-version", python]
                if extra:
                    # The test lock adds the test tools to the participants' lock without moving it.
                    participants = lock_file(platform, python).relative_to(ROOT)
                    command += ["--extra", extra, "--constraint", participants]
                print(say("workshop.locking", lock=target.relative_to(ROOT)), flush=True)
                locked = subprocess.run([str(part) for part in command], cwd=ROOT, input="\n".join(build),
                                        capture_output=True, text=True)
                if locked.returncode != 0:
                    sys.exit(locked.stderr)
                header = (
                    f"# Locked for {platform}, Python {python}{' with the test tools' if extra else ''}: "
                    "every package, pinned, with its hashes.\n"
                    "# Made by `python3 workshop.py lock` from pyproject.toml; do not edit by hand.\n"
                    f"{DIGEST_PREFIX}{digest}\n"
                )
                target.write_text(header + locked.stdout, encoding="utf-8")
    return 0


def system_tools_hint() -> None:
    """Say which Debian packages the tests need and how to install them (never install them here)."""
    missing = [name for name, path in SYSTEM_TOOLS.items() if not path.exists()]
    if missing and os.name != "nt":
        print(say("workshop.system_tools", packages=" ".join(missing)), flush=True)


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
        ensure_environment(TEST_EXTRA)
        system_tools_hint()
        # Two workers (CI has 2 cores); a file's tests stay together so module fixtures are shared.
        parallel = ["-n", "2", "--dist", "loadfile"]
        return subprocess.call([str(PYTHON), "-m", "pytest", *parallel, *rest], cwd=ROOT, env=environment)
    if command == "lock":
        return lock()
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
