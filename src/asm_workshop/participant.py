"""Who is answering: the participant's code, when Voila serves the lessons to a room.

In a room, one Voila server serves every participant, so every kernel of a lesson runs in
the same folder. Each participant opens the lessons with their own code in the address
(``/voila/render/day1/1-1_what_is_asm.ipynb?participant=awa``) and their answers go to a
folder of their own (see ``answers.answers_folder``).

How the code reaches the kernel (measured with Voila 0.5.13):

- A kernel started for the request (no preheated pool) has the request in its environment
  from the start: ``SERVER_SOFTWARE=voila/<version>``, ``VOILA_PREHEAT=False`` and
  ``QUERY_STRING=participant=awa`` (plus ``SCRIPT_NAME``, ``VOILA_REQUEST_URL``...).
- A preheated kernel (``--preheat_kernel=True``) is started and runs the whole notebook before
  anyone asks for it: it has ``VOILA_PREHEAT=True``, ``VOILA_KERNEL_ID``, ``VOILA_APP_PORT``
  and ``VOILA_SERVER_URL`` but no request yet. When a participant opens the page, Voila
  sends the request (``QUERY_STRING`` and the others) over a websocket at
  ``/voila/query/<kernel id>`` (or keeps it until the kernel connects there). Its
  ``VOILA_REQUEST_URL``, when present, is the address of the *previous* participant (the pool
  is refilled with it), so it is never read.

Nothing here waits. In a preheated kernel whose page nobody has asked for yet, the participant
is *pending* (``participant_pending()``): ``participant_code()`` gives None at once, and the
first of these calls starts a background thread that waits for the request, puts it into the
environment, and then calls everything registered with ``on_participant_known`` (the answering
widgets load that participant's saved answers then). So the pool's kernel runs the notebook to
its end before anyone comes, and binding to the participant is a few milliseconds of work
when the page is requested, before the browser even connects to the kernel.

The thread has no time limit, on purpose: Voila fills the pool when it starts, and a pool
kernel may wait hours for its participant. It ends with no participant (the shared folder, as
in a page opened without a code) when Voila cannot be reached (``CONNECT_SECONDS``) or closes
the connection (the server stops). It sends no pings: nothing waits on it, and a pool kernel
must not lose its participant because a busy server answered a ping late.

Everywhere else (JupyterLab, nbclient, nbgrader) none of these is set: no participant, never
pending, at once.
"""

from __future__ import annotations

import json
import logging
import os
import threading
import unicodedata
from collections.abc import Callable
from urllib.parse import parse_qs

QUERY_PARAMETER = "participant"
MAX_LENGTH = 40
"""Longest code kept, in characters: a readable folder name, far below any file-name limit."""
CONNECT_SECONDS = 5.0
"""How long a preheated kernel tries to reach Voila's request websocket before giving up."""

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


def participant_pending() -> bool:
    """Return True while this preheated Voila kernel waits for its participant to open the page.

    False outside Voila, in a kernel started for its request, and once the request has come
    (or the wait gave up). The first call in a pending kernel starts listening for the request
    in a background thread; it never waits itself.
    """
    binding = _binding
    if binding.known.is_set() or not _awaits_request():
        return False
    binding.start_listening()
    return not binding.known.is_set()


def participant_code() -> str | None:
    """Return the code of the participant this Voila kernel serves, or None, without waiting.

    None outside Voila, in Voila when the address carries no usable ``participant``, and while
    the participant is pending (``participant_pending()``: ask it to tell "not yet" from "none";
    ``on_participant_known`` says when to ask again). Once known, computed once per kernel: a
    kernel serves one page. ``forget_participant()`` forgets it (for tests).
    """
    if participant_pending():
        return None
    binding = _binding
    if not binding.resolved:
        binding.code = code_from_query(os.environ.get("QUERY_STRING")) if in_voila() else None
        binding.resolved = True
    return binding.code


def on_participant_known(callback: Callable[[], None]) -> Callable[[], None]:
    """Call ``callback()`` once the participant is known; return a function that cancels the call.

    Not pending: called at once, in this thread. Pending: called later from the thread that
    received the request (ipywidgets may be updated from there; keep the work small), after
    ``participant_code()`` gives the code, in the order registered. A callback that raises is
    logged and the others still run.
    """
    binding = _binding
    with binding.lock:
        waiting = not binding.known.is_set() and participant_pending()
        if waiting:
            binding.callbacks.append(callback)
    if not waiting:
        callback()
        return lambda: None

    def cancel() -> None:
        with binding.lock:
            if callback in binding.callbacks:
                binding.callbacks.remove(callback)

    return cancel


def wait_for_participant(seconds: float | None = None) -> bool:
    """Wait at most ``seconds`` (None: as long as it takes) until the participant is known.

    Returns True when they are known (at once if nothing is pending), False if time ran out.
    For the rare write that must not go to the shared folder; never for a notebook's own cells.
    """
    if not participant_pending():
        return True
    return _binding.known.wait(seconds)


def forget_participant() -> None:
    """Forget the participant and any wait for one, as in a new kernel (for tests)."""
    global _binding
    _binding = _Binding()


def code_from_query(query_string: str | None) -> str | None:
    """Return the normalised ``participant`` of a query string ("participant=awa&x=1"), or None."""
    values = parse_qs(query_string or "", keep_blank_values=True).get(QUERY_PARAMETER, [])
    return normalise_participant_code(values[0]) if values else None


def in_voila() -> bool:
    """Return True when this kernel was started by Voila (for a request, or preheated for one)."""
    return os.environ.get("SERVER_SOFTWARE", "").startswith("voila/") or _preheated()


def request_websocket_address() -> str:
    """Return the websocket address where Voila sends a preheated kernel its request."""
    protocol = os.environ.get("VOILA_WS_PROTOCOL", "ws")
    # Voila does not set VOILA_APP_IP itself; the kernel runs on the server's machine.
    host = os.environ.get("VOILA_APP_IP", "127.0.0.1")
    port = os.environ.get("VOILA_APP_PORT", "8866")
    base = os.environ.get("VOILA_WS_BASE_URL", os.environ.get("VOILA_SERVER_URL", "/"))
    return f"{protocol}://{host}:{port}{base}voila/query/{os.environ.get('VOILA_KERNEL_ID', '')}"


class _Binding:
    """One kernel's wait for its participant: the listening thread, its event and callbacks."""

    def __init__(self) -> None:
        self.lock = threading.RLock()
        self.known = threading.Event()
        self.callbacks: list[Callable[[], None]] = []
        self.thread: threading.Thread | None = None
        self.resolved = False
        self.code: str | None = None

    def start_listening(self) -> None:
        with self.lock:
            if self.thread is None:
                self.thread = threading.Thread(target=self._listen, name="asm-participant-request",
                                               daemon=True)
                self.thread.start()

    def _listen(self) -> None:
        try:
            request = _receive_request()
            # A binding forgotten meanwhile (tests) must not change the environment of the next one.
            if request is not None and self is _binding:
                os.environ.update(request)
        finally:
            with self.lock:
                self.known.set()
                callbacks, self.callbacks = self.callbacks, []
            for callback in callbacks:
                try:
                    callback()
                except Exception:  # one broken widget must not keep the others from their answers
                    _log.exception("a callback waiting for the participant failed")


_binding = _Binding()
# Before this module stopped waiting, participant_code was cached; tests still clear it so.
participant_code.cache_clear = forget_participant  # type: ignore[attr-defined]


def _preheated() -> bool:
    return os.environ.get("VOILA_PREHEAT") == "True"


def _awaits_request() -> bool:
    """True in a preheated kernel whose request has not reached its environment yet."""
    return (_preheated() and not os.environ.get("SERVER_SOFTWARE", "").startswith("voila/")
            and bool(os.environ.get("VOILA_KERNEL_ID")))


def _receive_request() -> dict[str, str] | None:
    """Wait for Voila's request message and return it (names and values of the environment
    variables to set), or None when Voila cannot be reached, closes the connection or sends
    something else. Runs in the listening thread."""
    address = request_websocket_address()
    try:
        from websockets.sync.client import connect
    except ImportError:  # websockets before 11: Voila's own helper (it sets the environment itself)
        from voila.utils import wait_for_request

        try:
            wait_for_request()
        except Exception as error:  # no participant is better than a broken page
            _log.debug("no request from Voila at %s: %s", address, error)
        return None
    options = {"open_timeout": CONNECT_SECONDS, "ping_interval": None}
    try:
        try:
            # Straight to Voila on this machine, never through an HTTP proxy from the environment.
            connection = connect(address, proxy=None, **options)
        except TypeError:  # websockets before 15 has no proxy option and uses none
            connection = connect(address, **options)
        with connection:
            message = connection.recv()
        request = json.loads(message)
    except Exception as error:  # no participant is better than a broken page
        _log.debug("no request from Voila at %s: %s", address, error)
        return None
    if not isinstance(request, dict):
        return None
    return {str(name): str(value) for name, value in request.items()}
