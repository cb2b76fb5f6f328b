"""Run a graded notebook's kernel inside bubblewrap: no network, and only its own folder writable.

Only the kernel runs participant code, so only the kernel is sandboxed: nbgrader itself (trusted)
keeps its course copy and gradebook, which the kernel cannot see at all. Inside the sandbox the
kernel sees the system's programs and libraries, Python and the installed packages (read-only),
its working folder (read-write, with the notebooks being graded masked, as they hold the hidden
tests), a private folder for its sockets and home, and nothing else: no checkout, no ``solutions/``,
no gradebook, no other submission. Its own process-ID namespace means every process it starts dies
with it. It talks to nbgrader over Unix sockets, since it has no network at all.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
from pathlib import Path

from jupyter_client.manager import AsyncKernelManager
from nbgrader.preprocessors import Execute
from traitlets import List, Unicode

MARKER_VARIABLE = "ASM_GRADING_MARKER"
"""Environment variable set for every process a graded kernel starts, to find leftovers."""

_SYSTEM_FOLDERS = ("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32")
# What programs need from /etc (users, time zone, dynamic linker, fonts), and nothing more.
_SYSTEM_FILES = (
    "/etc/passwd", "/etc/group", "/etc/nsswitch.conf", "/etc/localtime", "/etc/timezone",
    "/etc/ld.so.cache", "/etc/ld.so.conf", "/etc/ld.so.conf.d", "/etc/fonts", "/etc/alternatives",
    "/etc/mime.types", "/etc/matplotlibrc",
)


class SandboxUnavailable(RuntimeError):
    """bubblewrap was asked for but cannot sandbox here; the message says why."""


def find_bubblewrap() -> str | None:
    """Return the path of ``bwrap`` if it is installed, else None."""
    return shutil.which("bwrap")


@functools.cache
def bubblewrap_problem(bubblewrap: str) -> str | None:
    """Return why ``bubblewrap`` cannot build our sandbox on this machine, or None if it can."""
    probe = Path(__file__).parent
    command = bubblewrap_command(
        ["/bin/sh", "-c", "true"], bubblewrap=bubblewrap, workdir=probe, private=probe, readonly=[],
        masked=[], writable_workdir=False,
    )
    try:
        finished = subprocess.run(command, capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired) as error:
        return str(error)
    if finished.returncode != 0:
        return finished.stderr.strip() or f"bwrap exited with status {finished.returncode}"
    return None


def choose_bubblewrap(mode: str) -> str | None:
    """Return the bwrap to use for ``mode`` ("auto", "bwrap" or "none"), or None for no sandbox.

    "auto" uses bubblewrap where it works and silently does without; "bwrap" raises
    SandboxUnavailable when it is missing or cannot sandbox here.
    """
    if mode == "none":
        return None
    bubblewrap = find_bubblewrap()
    problem = bubblewrap_problem(bubblewrap) if bubblewrap else "bwrap is not installed"
    if problem is None:
        return bubblewrap
    if mode == "bwrap":
        raise SandboxUnavailable(f"bubblewrap cannot sandbox the graded notebooks here: {problem}")
    return None


def readonly_paths() -> list[str]:
    """Return the host folders a kernel needs to read: Python, its packages, this package, the data."""
    import asm_workshop
    from asm_workshop.data import DataError, datasets_folder

    wanted = {sys.prefix, sys.base_prefix, sys.exec_prefix, str(Path(sys.executable).resolve().parents[1])}
    # An editable install points into the checkout: give the package folder and the datasets
    # alone, so that neither solutions/ nor tests/ beside them are visible.
    wanted.add(str(Path(asm_workshop.__file__).resolve().parent))
    try:
        wanted.add(str(datasets_folder().resolve()))
    except DataError:
        pass
    return sorted(path for path in wanted if Path(path).exists())


def bubblewrap_command(
    command: list[str],
    *,
    bubblewrap: str,
    workdir: Path,
    private: Path,
    readonly: list[str],
    masked: list[Path],
    writable_workdir: bool = True,
) -> list[str]:
    """Return ``command`` wrapped in bubblewrap.

    ``workdir`` is the kernel's working folder (read-write), ``private`` a folder for its
    sockets and home (read-write), ``readonly`` host folders it may read, ``masked`` files
    inside ``workdir`` that it must see as empty.
    """
    arguments = [
        # No --new-session: the kernel must stay in the process group that nbgrader interrupts
        # and kills; it has no terminal to misuse anyway (graded runs start their own session).
        bubblewrap, "--die-with-parent",
        "--unshare-ipc", "--unshare-pid", "--unshare-net", "--unshare-uts", "--unshare-cgroup-try",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        # Root keeps its capabilities in the sandbox unless told; drop them all.
        arguments += ["--cap-drop", "ALL"]
    for folder in _SYSTEM_FOLDERS:
        if os.path.islink(folder):
            arguments += ["--symlink", os.readlink(folder), folder]
        elif os.path.isdir(folder):
            arguments += ["--ro-bind", folder, folder]
    for path in _SYSTEM_FILES:
        arguments += ["--ro-bind-try", path, path]
    # A fresh /tmp first: binds come in order, so the folders below stay visible even when
    # they live under /tmp (a checkout or virtual environment cloned there).
    arguments += ["--dev", "/dev", "--proc", "/proc", "--tmpfs", "/tmp"]
    for path in readonly:
        arguments += ["--ro-bind", path, path]
    arguments += ["--bind", str(private), str(private)]
    arguments += ["--bind" if writable_workdir else "--ro-bind", str(workdir), str(workdir)]
    empty = private / "empty"
    if masked:
        empty.write_bytes(b"")
    for path in masked:
        arguments += ["--ro-bind", str(empty), str(path)]
    home = private / "home"
    arguments += [
        "--chdir", str(workdir),
        "--setenv", "HOME", str(home),
        "--setenv", "IPYTHONDIR", str(home / ".ipython"),
        "--setenv", "MPLCONFIGDIR", str(home / ".matplotlib"),
        "--setenv", "TMPDIR", "/tmp",
        # The kernel's parent inside the sandbox is bubblewrap's init (process 1), which
        # ipykernel would take for an orphaned kernel; "1" turns that check off, and
        # --die-with-parent does its job instead.
        "--setenv", "JPY_PARENT_PID", "1",
        "--", *command,
    ]
    return arguments


def prepare_private_folder(private: Path) -> None:
    """Create ``private``'s home, with a copy of matplotlib's font list so it is not rebuilt."""
    matplotlib_folder = private / "home" / ".matplotlib"
    matplotlib_folder.mkdir(parents=True, exist_ok=True)
    try:
        import matplotlib

        host_cache = Path(matplotlib.get_cachedir())
    except Exception:  # matplotlib missing or unusable: the kernel rebuilds its cache
        return
    for font_list in host_cache.glob("fontlist-*.json"):
        shutil.copy(font_list, matplotlib_folder / font_list.name)


class SandboxedKernelManager(AsyncKernelManager):
    """A kernel manager that starts the kernel inside bubblewrap when ``bubblewrap`` is set."""

    bubblewrap = Unicode("", help="path of bwrap; empty runs the kernel without a sandbox").tag(config=True)
    private_folder = Unicode("", help="folder for the kernel's sockets and home").tag(config=True)
    readonly = List(Unicode(), help="host folders the kernel may read").tag(config=True)

    async def _async_pre_start_kernel(self, **kw):  # type: ignore[override]
        if self.bubblewrap:
            # No network in the sandbox: kernel and nbgrader talk over Unix sockets.
            self.transport = "ipc"
            self.connection_file = str(Path(self.private_folder) / "kernel.json")
            self.ip = str(Path(self.private_folder) / "kernel-ipc")
            # A SIGINT to the process group would stop bubblewrap itself, taking the kernel
            # with it; ask the kernel to interrupt itself instead.
            self.kernel_spec.interrupt_mode = "message"
        return await super()._async_pre_start_kernel(**kw)

    def format_kernel_cmd(self, extra_arguments: list[str] | None = None) -> list[str]:
        command = super().format_kernel_cmd(extra_arguments)
        if not self.bubblewrap:
            return command
        workdir = Path(os.path.abspath(self._launch_args.get("cwd") or os.getcwd()))
        return bubblewrap_command(
            command, bubblewrap=self.bubblewrap, workdir=workdir, private=Path(self.private_folder),
            readonly=list(self.readonly), masked=sorted(workdir.glob("*.ipynb")),
        )


class SandboxedExecute(Execute):
    """nbgrader's Execute step, starting kernels with SandboxedKernelManager."""

    def __init__(self, *args, **kwargs):
        # nbgrader's Execute sets its own kernel manager class as a keyword, which beats config.
        kwargs.setdefault("kernel_manager_class", SandboxedKernelManager)
        super().__init__(*args, **kwargs)
