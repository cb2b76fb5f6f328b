"""Who is answering: the participant's code, when Voila serves the lessons to a room.

In a room, one Voila server serves every participant, so every kernel of a lesson runs in
the same folder. Each participant opens the lessons with their own code in the address
(``/voila/render/day1/1-1_what_is_asm.ipynb?participant=awa``) and their answers go to a
folder of their own (see ``answers.answers_folder``).

How the code reaches the kernel (measured with Voila 0.5.13):

- A kernel started for the request (no preheated pool) has the request in its environment
  from the start: ``SERVER_SOFTWARE=voila/<version>``, ``VOILA_PREHEAT=False`` and
  ``QUERY_STRING=participant=awa`` (plus ``SCRIPT_NAME``, ``VOILA_REQUEST_URL``...).
- A preheated kernel (``--preheat_kernel=True``) is started and runs the notebook before
  anyone asks for it: it has ``VOILA_PREHEAT=True``, ``VOILA_KERNEL_ID``, ``VOILA_APP_PORT``
  and ``VOILA_SERVER_URL`` but no request yet. When a participant opens the page, Voila
  sends the request (``QUERY_STRING`` and the others) over a websocket at
  ``/voila/query/<kernel id>``; we wait for it there, as ``voila.utils.wait_for_request``
  does. Its ``VOILA_REQUEST_URL``, when present, is the address of the *previous*
  participant (the pool is refilled with it), so it is never read.

Everywhere else (JupyterLab, nbclient, nbgrader) none of these is set and the answer is
None at once.

The wait has no time limit of its own, on purpose: Voila fills the pool of every notebook when
it starts, and a pool kernel may wait hours for its participant; a limit would hand that late
participant the shared folder. It ends when Voila cannot be reached (``CONNECT_SECONDS``), when
Voila closes the connection (the server stops) or stops answering pings (``PING_SECONDS``,
twice), and it outlasts Voila's cell time limit, whose interrupt a waiting kernel ignores.
"""

from __future__ import annotations

import json
import logging
import os
import unicodedata
from functools import cache
from typing import Any
from urllib.parse import parse_qs

QUERY_PARAMETER = "participant"
MAX_LENGTH = 40
"""Longest code kept, in characters: a readable folder name, far below any file-name limit."""
CONNECT_SECONDS = 5.0
"""How long a preheated kernel tries to reach Voila's request websocket before giving up."""
PING_SECONDS = 20.0
"""A preheated kernel pings Voila this often while it waits, and gives up when Voila stops answering."""

# Names Windows cannot give a folder.
_WINDOWS_RESERVED = {"con", "prn", "aux", "nul",
                     *(f"{port}{n}" for port in ("com", "lpt") for n in range(10))}
_log = logging.getLogger(__name__)


def normalise_participant_code(text: str | None) -> str | None:
    """Return ``text`` made into a safe folder name, or None if nothing usable is left.

    Letters (accented ones too) and digits are kept, in lower case so that "Awa" and "awa"
    are the same person on every system (Windows and macOS ignore case in folder names);
    spaces become "-"; "-" and "_" are kept; everything else (slashes, dots, quotes...) is
    removed, so the result is never a path, "." or "..". At most ``MAX_LENGTH`` characters.
    "Awa Traoré" gives "awa-traoré"; "../x" gives "x".
    """
    if not text:
        return None
    # One spelling of "é" (composed), whatever the keyboard or browser sent.
    text = unicodedata.normalize("NFC", text).lower()
    kept = []
    for character in text:
        if character.isspace() or character == "-":
            kept.append("-")
        elif character == "_" or character.isalpha() or character.isdecimal():
            kept.append(character)
    code = "-".join(part for part in "".join(kept).split("-") if part)
    code = code[:MAX_LENGTH].strip("-_")
    if not code:
        return None
    return code + "_" if code in _WINDOWS_RESERVED else code


def code_from_query(query_string: str | None) -> str | None:
    """Return the normalised ``participant`` of a query string ("participant=awa&x=1"), or None."""
    values = parse_qs(query_string or "", keep_blank_values=True).get(QUERY_PARAMETER, [])
    return normalise_participant_code(values[0]) if values else None


def in_voila() -> bool:
    """Return True when this kernel was started by Voila (for a request, or preheated for one)."""
    return os.environ.get("SERVER_SOFTWARE", "").startswith("voila/") or _preheated()


@cache
def participant_code() -> str | None:
    """Return the code of the participant this Voila kernel serves, or None.

    None outside Voila (at once, without waiting), and in Voila when the address carries
    no usable ``participant``. A preheated kernel waits here until its participant opens
    the page (that is what it was started for), as long as Voila lives (see the module's
    notes). Computed once per kernel: a kernel serves one page.
    ``participant_code.cache_clear()`` forgets it.
    """
    if not in_voila():
        return None
    if _preheated() and not os.environ.get("SERVER_SOFTWARE", "").startswith("voila/"):
        _receive_request()
    return code_from_query(os.environ.get("QUERY_STRING"))


def request_websocket_address() -> str:
    """Return the websocket address where Voila sends a preheated kernel its request."""
    protocol = os.environ.get("VOILA_WS_PROTOCOL", "ws")
    # Voila does not set VOILA_APP_IP itself; the kernel runs on the server's machine.
    host = os.environ.get("VOILA_APP_IP", "127.0.0.1")
    port = os.environ.get("VOILA_APP_PORT", "8866")
    base = os.environ.get("VOILA_WS_BASE_URL", os.environ.get("VOILA_SERVER_URL", "/"))
    return f"{protocol}://{host}:{port}{base}voila/query/{os.environ.get('VOILA_KERNEL_ID', '')}"


def _preheated() -> bool:
    return os.environ.get("VOILA_PREHEAT") == "True"


def _receive_request() -> None:
    """Wait for Voila's request message and put it into the environment, as Voila's helper does.

    Our own client rather than ``voila.utils.wait_for_request``: that one runs an event loop
    in a thread, lets most connection errors escape into the page, and cannot ping.
    """
    if not os.environ.get("VOILA_KERNEL_ID"):
        return
    address = request_websocket_address()
    try:
        from websockets.sync.client import connect
    except ImportError:  # websockets before 11: Voila's own helper does the same job
        from voila.utils import wait_for_request

        try:
            wait_for_request()
        except Exception as error:  # no participant is better than a broken page
            _log.debug("no request from Voila at %s: %s", address, error)
        return
    options = {"open_timeout": CONNECT_SECONDS, "ping_interval": PING_SECONDS, "ping_timeout": PING_SECONDS}
    try:
        try:
            # Straight to Voila on this machine, never through an HTTP proxy from the environment.
            connection = connect(address, proxy=None, **options)
        except TypeError:  # websockets before 15 has no proxy option and uses none
            connection = connect(address, **options)
        with connection:
            message = _wait_for_message(connection)
        request = json.loads(message)
    except Exception as error:  # no participant is better than a broken page
        _log.debug("no request from Voila at %s: %s", address, error)
        return
    if isinstance(request, dict):
        os.environ.update({str(name): str(value) for name, value in request.items()})


def _wait_for_message(connection: Any) -> str | bytes:
    """Return the next message on ``connection``, however long it takes.

    Voila interrupts a cell that runs longer than ``VoilaExecutor.timeout`` (the workshop sets
    120 s, and ``interrupt_on_timeout``), and so a kernel of the pool that is still waiting
    for its participant. That kernel is not stuck: it keeps waiting. The interrupt is the only
    one it can get (nobody sees a pool kernel), and waiting on lets Voila's executor carry on.
    """
    while True:
        try:
            return connection.recv()
        except KeyboardInterrupt:
            _log.debug("interrupted while waiting for the participant's request; still waiting")
