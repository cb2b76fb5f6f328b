"""Serve the curriculum as Voila apps: ``asm-workshop present``.

Everything Voila needs comes from this checkout, so a room with no internet works:

- ``share/voila.json``: the server's settings (code hidden, no tracebacks for participants,
  a time limit per cell, idle kernels culled, notebooks and answer files never served);
- ``share/jupyter/nbconvert/templates/asm/``: the page template (Voila's lab template with
  Font Awesome served locally, a "kernel gone" notice, and the landing page). It sits under
  ``nbconvert/templates`` because Voila also looks there, and a ``voila/`` folder in the
  Jupyter path would become Voila's data folder and hide its themes.

``voila_command`` gives the command line; it runs this module, which puts the checkout's
``share/jupyter`` (``paths.share_folder``) first in the Jupyter path, adds the landing page's
content to Voila's page configuration (``landing_page_config``) and starts Voila with the
settings above.
"""

from __future__ import annotations

import functools
import ipaddress
import json
import os
import secrets
import socket
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from asm_workshop import paths, reading
from asm_workshop.curriculum import FRENCH_SUFFIX, TOOLS_FOLDER, WELCOME, lessons_in, tools_in
from asm_workshop.i18n import LANGUAGES, catalog

# The room server lists apps and starts Voila: it must not load the grading stack (nbgrader,
# SQLAlchemy), which is why the curriculum and the paths have their own light modules.
TEMPLATE = "asm"
DEFAULT_PORT = 8866
LANGUAGE_OPTION = "--asm-language"
"""Taken off Voila's command line by ``serve``: the landing page's default language."""
_room = {"language": None}
ROOM_CODE_BYTES = 6
"""Random bytes in a generated room code: 8 characters to type, too many to guess."""


def voila_command(
    notebooks: Path, *, port: int, ip: str = "127.0.0.1", token: str | None = None, preheat: int = 0,
    preheat_apps: Iterable[str] = (WELCOME,), language: str | None = None,
) -> list[str]:
    """Return the command line that serves the notebooks in ``notebooks`` with the workshop's Voila.

    ``token``: the room code every visitor must bring (``?token=`` once, a cookie afterwards);
    None serves without one (only sensible on 127.0.0.1). ``preheat``: kernels kept started
    and run in advance for each app of ``preheat_apps`` (paths relative to ``notebooks``),
    none for the others (0: none at all, each visitor waits for their own kernel); by default
    the welcome lesson, which every participant opens first. Voila would
    otherwise keep ``preheat`` kernels for *every* notebook: 19 apps x 30 kernels x 135 MB.
    ``language``: the landing page's language for a visitor who has not chosen one yet (default:
    their browser's).
    """
    command = [
        sys.executable, "-m", "asm_workshop.present", str(Path(notebooks).resolve()),
        "--no-browser", f"--port={port}", f"--Voila.ip={ip}",
    ]
    if token:
        command.append(f"--token={token}")
        # A cookie secret derived from the room code: after a server restart with the same code,
        # the participants' cookies still open the apps, and "Reload" brings their answers back.
        command.append(f"--Voila.cookie_secret={_cookie_secret(token)}")
    if language is not None:
        command.append(f"{LANGUAGE_OPTION}={language}")
    if preheat > 0:
        pools = {"default": {"pool_size": 0}, **{app: {"pool_size": preheat} for app in preheat_apps}}
        command += ["--preheat_kernel=True", f"--VoilaKernelManager.kernel_pools_config={json.dumps(pools)}"]
    return command


def serve(argv: list[str]) -> None:
    """Start Voila with the workshop's template and settings; ``argv`` as from ``voila_command``."""
    from traitlets.config import Config
    from voila.app import Voila

    for argument in [a for a in argv if a.startswith(f"{LANGUAGE_OPTION}=")]:
        argv = [a for a in argv if a != argument]
        _room["language"] = argument.split("=", 1)[1]
    share = paths.share_folder()
    os.environ["JUPYTER_PATH"] = os.pathsep.join(
        [str(share / "jupyter"), *filter(None, [os.environ.get("JUPYTER_PATH")])]
    )
    config = Config()
    config.VoilaConfiguration.page_config_hook = landing_page_config
    texts = catalog()
    error_text = " / ".join(texts["present.cell_error"][language] for language in LANGUAGES)
    config.VoilaExecutor.cell_error_instruction = error_text
    config.VoilaExecutor.cell_timeout_instruction = error_text
    # share/voila.json holds the settings every workshop server uses (present, tests, benchmarks).
    Voila.launch_instance(argv, config=config, config_file_paths=[str(share)])


def landing_page_config(page_config: dict[str, Any], *, settings: dict[str, Any], notebook_path: str,
                        **_: Any) -> dict[str, Any]:
    """Voila's page_config hook: add the landing page's content on folder pages (the apps by group
    and the recommended reading, ``reading.landing_entries``), the notice texts on apps.

    Called by Voila for every page; returns ``page_config`` (changed in place too, as Voila's
    folder page ignores what comes back).
    """
    texts = catalog()
    root = Path(settings["contents_manager"].root_dir)
    page_config["asmKernelGone"] = {
        "message": texts["present.kernel_gone"], "reload": texts["present.reload"],
    }
    page_config.update(app_languages(root, notebook_path))
    if (root / notebook_path).is_dir():
        page_config["asmLanding"] = {
            "language": _room["language"],
            "text": {key: value for key, value in texts.items() if key.startswith(("present.", "reading."))},
            "groups": curriculum(root),
            "reading": reading.landing_entries(),
        }
    return page_config


def app_languages(root: Path, notebook_path: str) -> dict[str, Any]:
    """For an app with a French edition (``translation``), the page's language and the path of
    the app in each language, which the page's language switch links to; nothing otherwise.

    Both editions keep their answers in the same folder under the same keys, so the switch
    takes the participant to the same answers in the other language.
    """
    path = Path(notebook_path)
    if path.suffix != ".ipynb":
        return {}
    if path.name.endswith(FRENCH_SUFFIX):
        english = path.with_name(path.name.removesuffix(FRENCH_SUFFIX) + ".ipynb")
        french = path
    else:
        english, french = path, path.with_name(path.name.removesuffix(".ipynb") + FRENCH_SUFFIX)
    if not (root / english).is_file() or not (root / french).is_file():
        return {}
    return {"asmLanguage": "fr" if path == french else "en",
            "asmLanguages": {"en": english.as_posix(), "fr": french.as_posix()}}


def curriculum(notebooks: Path) -> list[dict[str, Any]]:
    """Return the apps of a notebooks folder in groups: welcome, each day, then the tools.

    Each group is ``{"key", "title": {language: text}, "apps": [{"path": {language: path},
    "title": {language: text}}]}``; paths are relative to ``notebooks`` with "/", titles are the
    notebooks' first headings, and an app without a French edition gives its English for "fr".
    """
    groups: dict[str, dict[str, Any]] = {}
    for lesson in lessons_in(notebooks):
        relative = lesson.relative_to(notebooks)
        key = relative.parts[0] if len(relative.parts) > 1 else "welcome"
        group = groups.setdefault(key, {"key": key, "title": _group_title(key), "apps": []})
        group["apps"].append(_app(lesson, notebooks))
    tools = [_app(tool, notebooks) for tool in tools_in(notebooks)]
    if tools:
        groups[TOOLS_FOLDER] = {"key": TOOLS_FOLDER, "title": _texts("present.group_tools"), "apps": tools}
    return list(groups.values())


def notebook_title(path: Path) -> str:
    """Return the text of the notebook's first heading, or its file name in words if it has none."""
    # The landing page lists every app in two languages on every visit: read each notebook once,
    # and again only when it changes.
    return _title(Path(path), Path(path).stat().st_mtime_ns)


@functools.lru_cache(maxsize=512)
def _title(path: Path, modified: int) -> str:
    # Imported here: nbformat's schema validation takes about 2 s to import (jsonschema's format
    # checkers), and only the Voila process, which loads it anyway, lists titles.
    import nbformat

    notebook = nbformat.read(path, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type != "markdown":
            continue
        for line in cell.source.splitlines():
            if line.startswith("#"):
                return line.lstrip("#").strip().replace("**", "")
    return path.stem.replace("_", " ")


def room_code() -> str:
    """Return a new room code: short, random, made of letters and digits easy to read aloud."""
    alphabet = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i: they are misread on a projector
    return "".join(secrets.choice(alphabet) for _ in range(ROOM_CODE_BYTES + 2))


def lan_addresses() -> list[str]:
    """Return this computer's IPv4 addresses on its networks (not loopback), best guess first.

    Read from the network interfaces, without sending anything.
    """
    found: list[str] = []
    for address in _interface_addresses():
        try:
            parsed = ipaddress.ip_address(address)
        except ValueError:
            continue
        usable = parsed.version == 4 and not parsed.is_loopback and not parsed.is_link_local
        if usable and address not in found:
            found.append(address)
    # Private addresses (10.x, 172.16-31.x, 192.168.x) are the ones a room's Wi-Fi hands out.
    return sorted(found, key=lambda address: not ipaddress.ip_address(address).is_private)


def room_address(host: str, port: int, code: str | None) -> str:
    """Return the address participants type: ``http://<host>:<port>/?token=<code>``."""
    return f"http://{host}:{port}/" + (f"?token={code}" if code else "")


def _interface_addresses() -> Iterable[str]:
    if sys.platform.startswith("linux"):
        import fcntl
        import struct

        get_address = 0x8915  # SIOCGIFADDR
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            for _, name in socket.if_nameindex():
                try:
                    answer = fcntl.ioctl(probe.fileno(), get_address, struct.pack("256s", name[:15].encode()))
                except OSError:
                    continue  # an interface with no IPv4 address
                yield socket.inet_ntoa(answer[20:24])
    try:
        yield from (info[4][0] for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET))
    except OSError:
        return


def _cookie_secret(token: str) -> str:
    import hashlib

    return hashlib.sha256(f"asm-workshop room cookie:{token}".encode()).hexdigest()


def _group_title(key: str) -> dict[str, str]:
    if key == "welcome":
        return _texts("present.group_welcome")
    if key.startswith("day") and key[3:].isdigit():
        return _texts("present.group_day", number=key[3:])
    return _texts("present.group_other", folder=key)


def _texts(key: str, **values: object) -> dict[str, str]:
    return {language: text.format(**values) for language, text in catalog()[key].items()}


def _app(path: Path, notebooks: Path) -> dict[str, dict[str, str]]:
    french = path.with_name(path.name.removesuffix(".ipynb") + FRENCH_SUFFIX)
    editions = {"en": path, "fr": french if french.is_file() else path}
    return {"path": {language: path.relative_to(notebooks).as_posix() for language, path in editions.items()},
            "title": {language: notebook_title(path) for language, path in editions.items()}}


if __name__ == "__main__":
    serve(sys.argv[1:])
