"""A preheated Voila kernel's view of the world, in this test process: a pending participant.

``FakeVoilaQuery`` stands in for Voila's ``/voila/query/<kernel id>`` websocket (a real
websocket server on 127.0.0.1, as ``voila.request_info_handler.RequestInfoSocketHandler``
behaves: it keeps the request until the kernel connects, then sends it as JSON) and sets the
environment Voila gives a kernel of its pool.
"""

from __future__ import annotations

import json
import threading

from asm_workshop.participant import forget_participant, on_participant_known

KERNEL_ID = "0b7e2d9c-0000-4000-8000-000000000000"
# What Voila 0.5 puts in a kernel's environment (measured; see participant.py).
VOILA_VARIABLES = (
    "SERVER_SOFTWARE", "QUERY_STRING", "SCRIPT_NAME", "PATH_INFO", "SERVER_NAME", "SERVER_PORT",
    "SERVER_PROTOCOL", "VOILA_PREHEAT", "VOILA_KERNEL_ID", "VOILA_BASE_URL", "VOILA_SERVER_URL",
    "VOILA_REQUEST_URL", "VOILA_APP_IP", "VOILA_APP_PORT", "VOILA_WS_PROTOCOL", "VOILA_WS_BASE_URL",
)


def clear_voila_environment(monkeypatch) -> None:
    """No Voila variable, and no participant remembered: as outside Voila (undone after the test)."""
    for name in VOILA_VARIABLES:
        # Set first, so that monkeypatch also removes what the kernel's thread sets during the test.
        monkeypatch.setenv(name, "")
        monkeypatch.delenv(name)
    forget_participant()


class FakeVoilaQuery:
    """Voila's request websocket, and the environment of a preheated kernel that nobody asked for yet.

    ``send_request(query)`` is Voila's ``RequestInfoSocketHandler.send_updates``: the request of the
    participant who opens the page; ``bind(query)`` sends it and waits until every widget waiting
    for the participant has been told.
    """

    def __init__(self, monkeypatch) -> None:
        from websockets.sync.server import serve

        self.paths: list[str] = []
        self._payload: dict[str, str] | None = None
        self._arrived = threading.Event()
        self._server = serve(self._handle, "127.0.0.1", 0)
        self.port = self._server.socket.getsockname()[1]
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        clear_voila_environment(monkeypatch)
        monkeypatch.setenv("VOILA_PREHEAT", "True")
        monkeypatch.setenv("VOILA_KERNEL_ID", KERNEL_ID)
        monkeypatch.setenv("VOILA_APP_PORT", str(self.port))
        monkeypatch.setenv("VOILA_SERVER_URL", "/")
        monkeypatch.setenv("VOILA_BASE_URL", "/")

    def send_request(self, query: str) -> None:
        """A participant opens the page with ``?<query>``."""
        self._payload = {
            "SCRIPT_NAME": "/voila/render/probe.ipynb", "PATH_INFO": "", "QUERY_STRING": query,
            "SERVER_SOFTWARE": "voila/0.5.13", "SERVER_PROTOCOL": "HTTP/1.1",
            "SERVER_PORT": str(self.port), "SERVER_NAME": "127.0.0.1",
        }
        self._arrived.set()

    def bind(self, query: str, seconds: float = 5) -> None:
        """Send the request and return once every callback registered before has run."""
        done = threading.Event()
        on_participant_known(done.set)  # called after the callbacks registered before it
        self.send_request(query)
        assert done.wait(seconds), "the kernel never learnt its participant"

    def stop(self) -> None:
        """Voila stops: the connection closes without a request."""
        self._arrived.set()
        self._server.shutdown()

    def close(self) -> None:
        self.stop()
        forget_participant()

    def _handle(self, connection) -> None:
        self.paths.append(connection.request.path)
        # Voila keeps the connection open until the request comes (however long), then sends it.
        while not self._arrived.wait(0.05):
            pass
        if self._payload is not None:
            connection.send(json.dumps(self._payload))
        for _ in connection:  # until the kernel hangs up
            pass


def returns_without_waiting(call, seconds: float = 30):
    """Run ``call`` in a thread and return what it returns; fail (never hang) if it is still waiting
    after ``seconds``: a call that waited for a participant nobody sends would wait for ever, so a
    generous bound tells waiting from working without timing the work itself."""
    result = []
    worker = threading.Thread(target=lambda: result.append(call()), daemon=True)
    worker.start()
    worker.join(seconds)
    assert not worker.is_alive(), f"{call!r} was still waiting after {seconds} s"
    return result[0]
