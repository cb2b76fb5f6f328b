"""Print how a room of participants opening the same Voila app at once fares on this machine.

    .venv/bin/python benchmarks/room_load.py [--clients 10,30] [--app tools/mercury_estimator.ipynb]
        [--pool-size 0,30] [--timeout 180] [--details] [--serve-all] [--voila-arg=...] [--stock]

For each pool size (0: no preheated kernels; N: Voila keeps N kernels that have already run the
app), starts one Voila on 127.0.0.1 serving a temporary folder that holds only the app, at
the path it has under notebooks/ (``--serve-all``: a copy of all of notebooks/; the pool is
still for the app alone, except with ``--stock``, where Voila keeps one for every notebook).
``--voila-arg`` passes one more option to Voila. Then, for
each room size, that many participants open the app at the same moment. Each participant is a
websocket client on loopback that does what the page's JavaScript does, without a browser:

1. fetches the page over HTTP (``?participant=roomNN``) and reads the kernel id and the widget
   model ids from it, as Voila 0.5 renders them (``jupyter-config-data`` and the
   ``application/vnd.voila.cell-output+json`` outputs);
2. asks for the kernel's model (``GET /api/kernels/<id>``), opens ``/api/kernels/<id>/channels``
   with the ``v1.kernel.websocket.jupyter.org`` protocol, asks for the kernel's info, opens the
   ``jupyter.widget.control`` comm and asks for every widget's state (``request_states``);
3. changes one control as a participant would (a ``comm_msg`` with method ``update`` to the
   first slider, dropdown or number box found in the app's state) and waits for the kernel's
   ``echo_update`` of the new value, then for the kernel to be idle again after that message,
   that is, until the app has reacted to the change (redrawn its result, saved the answer).

It prints, per pool size and room size:

- page ready (s): from the start of the HTTP request to the whole page received, the websocket
  connected and every widget's state received (p50, p95 over the participants who got there),
  and of that, the page alone (html p50: the HTTP response fully received);
- round trip (ms): from sending the change to the kernel idle after it (p50, p95), and the
  echo (ms, p50): from sending it to the kernel's echo of the value;
- errors: participants who did not get there (HTTP error, error in a cell, timeout, ...);
- kernel memory (MiB): resident memory of the room's kernel processes (read from /proc after
  the round trips), mean and max; "kernels" counts every kernel process of the server then,
  pool refills included.

Not measured: the page's scripts and styles, which a room's browsers fetch once and cache.

Reference for stock Voila on this machine (issue #7): 30 at once, page ready median 22 s and
round trip median 167 ms; 10 at once, page ready 6.3 s. Goal for 30: page ready p95 < 10 s,
round trip p95 < 250 ms, no errors.

Everything is bounded: a timeout on every request and wait, the room's kernels shut down after
each room, the server's process group stopped at the end, and any kernel still alive then is
killed by its process id. The machines are shared and noisy: compare within one run.
"""

from __future__ import annotations

import argparse
import asyncio
import html
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from dataclasses import dataclass
from pathlib import Path

from tornado.httpclient import AsyncHTTPClient, HTTPClientError, HTTPRequest
from tornado.websocket import websocket_connect

from asm_workshop.paths import repository_root

ROOT = repository_root()
NOTEBOOKS = ROOT / "notebooks"
DEFAULT_APP = "tools/mercury_estimator.ipynb"
# Until the tools are moved under notebooks/tools/, the same app is a test fixture.
FALLBACK_APPS = ROOT / "tests" / "fixtures" / "apps"
WEBSOCKET_PROTOCOL = "v1.kernel.websocket.jupyter.org"
# What Voila puts in the page in place of a cell that failed.
CELL_FAILED = "There was an error when executing cell"
# The controls a participant changes, most typical first: (model name, state change).
CHANGEABLE = ("IntSliderModel", "FloatSliderModel", "DropdownModel", "BoundedIntTextModel",
              "BoundedFloatTextModel", "IntTextModel", "FloatTextModel")
PAGE_CONFIG = re.compile(r'<script id="jupyter-config-data" type="application/json">(.*?)</script>', re.S)
CELL_OUTPUT = re.compile(r'<script type="application/vnd.voila.cell-output\+json">(.*?)</script>', re.S)


def percentile(values: list[float], share: float) -> float:
    """Return the value below which ``share`` of ``values`` fall (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def voila_command_for(folder: Path, port: int, pool_size: int, stock: bool = False,
                      app: str | None = None) -> tuple[list[str], str]:
    """Return the command line that serves ``folder``, and where it came from.

    ``stock``: plain Voila with its defaults, not the workshop's settings and template (its
    pool, if any, is for every notebook served). Otherwise the workshop's Voila, with its pool
    for ``app`` only (a path relative to ``folder``).
    """
    if stock:
        command = [sys.executable, "-m", "voila", str(folder), "--no-browser", f"--port={port}",
                   "--Voila.ip=127.0.0.1"]
        if pool_size:
            command += ["--preheat_kernel=True", f"--pool_size={pool_size}"]
        return command, "stock Voila (--stock)"
    from asm_workshop.present import voila_command

    apps = (app,) if app else ()
    return (voila_command(folder, port=port, preheat=pool_size, preheat_apps=apps),
            "asm_workshop.present.voila_command")


# --- /proc: the server's kernels and their memory -------------------------------------------

def children(pid: int) -> list[int]:
    """Return the process ids whose parent is ``pid``."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            # The command name (in parentheses) may hold spaces: the parent id follows it.
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def kernel_processes(server_pid: int) -> dict[str, int]:
    """Return the kernel id -> process id of every kernel the server has started."""
    kernels = {}
    for pid in children(server_pid):
        try:
            command = (Path("/proc") / str(pid) / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        for part in command:
            match = re.search(rb"kernel-([0-9a-f-]{36})\.json$", part)
            if match:
                kernels[match.group(1).decode()] = pid
    return kernels


def resident_mib(pid: int) -> float | None:
    """Return the resident memory of process ``pid`` in MiB (None if it has gone)."""
    try:
        for line in (Path("/proc") / str(pid) / "status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def cpu_seconds(pids: list[int]) -> float:
    """Return the CPU time the processes have used so far, in seconds."""
    ticks = 0
    for pid in pids:
        try:
            fields = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


# --- the server --------------------------------------------------------------------------------

class Server:
    """One Voila serving ``folder`` on loopback, in its own process group."""

    def __init__(self, folder: Path, pool_size: int, log: Path, extra: tuple[str, ...] = (),
                 stock: bool = False, app: str | None = None):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.command, self.origin = voila_command_for(folder, self.port, pool_size, stock, app)
        self.command += extra
        self.log = log
        self.pool_size = pool_size
        self._log_file = open(log, "w")
        self.process = subprocess.Popen(self.command, stdout=self._log_file, stderr=subprocess.STDOUT,
                                        start_new_session=True, cwd=folder)

    def wait_until_up(self, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"Voila exited early:\n{self.log.read_text()}")
            try:
                urllib.request.urlopen(self.base + "/", timeout=2)
                return
            except OSError:
                time.sleep(0.3)
        raise RuntimeError(f"Voila did not answer within {seconds} s")

    def kernels(self) -> dict[str, int]:
        return kernel_processes(self.process.pid)

    def wait_until_quiet(self, seconds: float, kernels_expected: int = 0) -> float:
        """Wait until the pool's kernels are started and the server and kernels are idle.

        Idle means under a tenth of a core over one second. Returns the seconds waited. A pool
        kernel can die as it starts (ports taken by another kernel starting at the same moment);
        Voila does not replace it, so after 15 idle seconds the pool is taken as it is.
        """
        started = time.monotonic()
        deadline = started + seconds
        idle_seconds = 0
        while time.monotonic() < deadline:
            pids = [self.process.pid, *self.kernels().values()]
            before = cpu_seconds(pids)
            time.sleep(1)
            idle_seconds = idle_seconds + 1 if cpu_seconds(pids) - before < 0.1 else 0
            if idle_seconds and (len(pids) - 1 >= kernels_expected or idle_seconds >= 15):
                if len(pids) - 1 < kernels_expected:
                    print(f"  only {len(pids) - 1} of {kernels_expected} pool kernels started", flush=True)
                return time.monotonic() - started
        raise RuntimeError(f"the server was still busy after {seconds} s "
                           f"({len(self.kernels())} kernels of {kernels_expected} expected)")

    def shut_down_kernels(self, kernel_ids: list[str]) -> None:
        """Shut the kernels down as the page does when it is closed."""
        for kernel_id in kernel_ids:
            # The page posts its _xsrf cookie; a matching made-up pair passes the same check.
            request = urllib.request.Request(
                f"{self.base}/voila/api/shutdown/{kernel_id}", method="POST", data=b"",
                headers={"Cookie": "_xsrf=benchmark", "X-XSRFToken": "benchmark"},
            )
            try:
                urllib.request.urlopen(request, timeout=30).close()
            except OSError:
                pass

    def stop(self) -> None:
        """Stop the server's process group, then any kernel still running, by process id."""
        kernels = list(self.kernels().values())
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=20)
        except ProcessLookupError:
            pass
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)
        # Kernels run in sessions of their own, out of the server's process group.
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and any(resident_mib(pid) is not None for pid in kernels):
            time.sleep(0.2)
        for pid in kernels:
            if resident_mib(pid) is not None:
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
        self._log_file.close()


# --- one participant -------------------------------------------------------------------------

def encode(channel: str, parts: list[bytes]) -> bytes:
    """Return one message framed as the v1 kernel websocket protocol frames it."""
    offsets = [8 * (1 + 1 + len(parts) + 1)]
    offsets.append(offsets[-1] + len(channel.encode()))
    for part in parts:
        offsets.append(offsets[-1] + len(part))
    head = len(offsets).to_bytes(8, "little") + b"".join(o.to_bytes(8, "little") for o in offsets)
    return head + channel.encode() + b"".join(parts)


def decode(frame: bytes) -> tuple[str, dict]:
    """Return the channel and the message (header, parent_header, metadata, content) of a frame."""
    count = int.from_bytes(frame[:8], "little")
    offsets = [int.from_bytes(frame[8 * (i + 1):8 * (i + 2)], "little") for i in range(count)]
    channel = frame[offsets[0]:offsets[1]].decode()
    names = ("header", "parent_header", "metadata", "content")
    message = {name: json.loads(frame[offsets[i + 1]:offsets[i + 2]]) for i, name in enumerate(names)}
    return channel, message


def change_for(states: dict) -> tuple[str, str, dict] | None:
    """Return (model id, model name, state change) of the first control a participant would move."""
    for model_name in CHANGEABLE:
        for model_id, model in states.items():
            state = model["state"]
            if model["model_name"] != model_name or state.get("disabled"):
                continue
            if model_name == "DropdownModel":
                labels = state.get("_options_labels") or []
                if len(labels) > 1:
                    return model_id, model_name, {"index": ((state.get("index") or 0) + 1) % len(labels)}
                continue
            value, step = state.get("value", 0), state.get("step") or 1
            high = state.get("max")
            return model_id, model_name, {"value": value - step if high is not None and value + step > high
                                          else value + step}
    return None


@dataclass
class Participant:
    number: int
    page_received: float | None = None
    page_ready: float | None = None
    round_trip: float | None = None
    echo: float | None = None
    kernel_id: str | None = None
    changed: str = ""
    error: str = ""


class KernelChannel:
    """The page's websocket to its kernel, with the replies sorted by the message they answer."""

    def __init__(self, connection, session: str):
        self.connection = connection
        self.session = session
        self.reader = asyncio.ensure_future(self._read())
        self.waiting: list[tuple[callable, asyncio.Future]] = []

    async def _read(self) -> None:
        while True:
            frame = await self.connection.read_message()
            if frame is None:
                for _, future in self.waiting:
                    if not future.done():
                        future.set_exception(ConnectionError("the kernel websocket closed"))
                return
            if isinstance(frame, str):
                continue
            channel, message = decode(frame)
            message["received"] = time.perf_counter()
            for check, future in list(self.waiting):
                if not future.done() and check(channel, message):
                    future.set_result(message)

    def expect(self, check) -> asyncio.Future:
        future = asyncio.get_running_loop().create_future()
        self.waiting.append((check, future))
        return future

    def send(self, msg_type: str, content: dict, metadata: dict | None = None) -> str:
        msg_id = uuid.uuid4().hex
        header = {"msg_id": msg_id, "msg_type": msg_type, "username": "", "session": self.session,
                  "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "version": "5.3"}
        parts = [json.dumps(part).encode() for part in (header, {}, metadata or {}, content)]
        self.connection.write_message(encode("shell", parts), binary=True)
        return msg_id

    def idle_after(self, msg_id: str) -> asyncio.Future:
        return self.expect(lambda channel, message: channel == "iopub"
                           and message["header"]["msg_type"] == "status"
                           and message["parent_header"].get("msg_id") == msg_id
                           and message["content"]["execution_state"] == "idle")

    def close(self) -> None:
        self.reader.cancel()
        self.connection.close()


async def open_app(participant: Participant, base: str, app: str, client: AsyncHTTPClient,
                   timeout: float) -> None:
    """Open the app as one participant's page does, change one control; fill ``participant``."""
    started = time.perf_counter()
    url = f"{base}/voila/render/{app}?participant=room{participant.number:02d}"
    response = await client.fetch(HTTPRequest(url, request_timeout=timeout, connect_timeout=timeout))
    page = response.body.decode("utf-8")
    participant.page_received = time.perf_counter() - started
    if CELL_FAILED in page:
        raise RuntimeError("a cell failed in Voila")
    config = json.loads(html.unescape(PAGE_CONFIG.search(page).group(1)))
    participant.kernel_id = kernel_id = config["kernelId"]
    views = [json.loads(html.unescape(output))["data"]["application/vnd.jupyter.widget-view+json"]["model_id"]
             for output in CELL_OUTPUT.findall(page) if "widget-view+json" in output]

    await client.fetch(HTTPRequest(f"{base}/api/kernels/{kernel_id}", request_timeout=timeout))
    session = str(uuid.uuid4())
    connection = await websocket_connect(
        f"{base.replace('http', 'ws', 1)}/api/kernels/{kernel_id}/channels?session_id={session}",
        subprotocols=[WEBSOCKET_PROTOCOL], connect_timeout=timeout, max_message_size=256 * 2**20,
    )
    kernel = KernelChannel(connection, session)
    try:
        info = kernel.send("kernel_info_request", {})
        await kernel.expect(lambda channel, message: message["parent_header"].get("msg_id") == info
                            and message["header"]["msg_type"] == "kernel_info_reply")
        control = uuid.uuid4().hex
        states = kernel.expect(lambda channel, message: channel == "iopub"
                               and message["header"]["msg_type"] == "comm_msg"
                               and message["content"]["comm_id"] == control
                               and message["content"]["data"].get("method") == "update_states")
        kernel.send("comm_open", {"comm_id": control, "target_name": "jupyter.widget.control", "data": {}},
                    metadata={"version": "1.0.0"})
        kernel.send("comm_msg", {"comm_id": control, "data": {"method": "request_states"}})
        all_states = (await states)["content"]["data"]["states"]
        missing = [model_id for model_id in views if model_id not in all_states]
        if missing:
            raise RuntimeError(f"{len(missing)} widget(s) of the page not in the kernel")
        participant.page_ready = time.perf_counter() - started

        change = change_for(all_states)
        if change is None:
            return
        model_id, model_name, state = change
        participant.changed = f"{model_name.removesuffix('Model')} {state}"
        echo = kernel.expect(lambda channel, message: channel == "iopub"
                             and message["header"]["msg_type"] == "comm_msg"
                             and message["content"]["comm_id"] == model_id
                             and message["content"]["data"].get("method") == "echo_update")
        sent = time.perf_counter()
        update = kernel.send("comm_msg", {"comm_id": model_id,
                                          "data": {"method": "update", "state": state, "buffer_paths": []}})
        participant.round_trip = (await kernel.idle_after(update))["received"] - sent
        # The kernel echoes the new value before the app reacts (ipywidgets 8, on by default).
        participant.echo = (await asyncio.wait_for(echo, 5))["received"] - sent
    finally:
        kernel.close()


async def participate(participant: Participant, base: str, app: str, client: AsyncHTTPClient,
                      timeout: float) -> Participant:
    try:
        await asyncio.wait_for(open_app(participant, base, app, client, timeout), timeout)
    except TimeoutError:
        participant.error = f"timeout after {timeout:.0f} s"
    except HTTPClientError as error:
        participant.error = f"HTTP {error.code}"
    except Exception as error:  # noqa: BLE001 - any failure is one participant's error, counted
        participant.error = f"{type(error).__name__}: {error}"[:120]
    return participant


async def room(base: str, app: str, clients: int, timeout: float) -> list[Participant]:
    """Return the participants of a room of ``clients`` opening ``app`` at once."""
    # The default client queues requests beyond 10 at a time: a room's are all sent at once.
    client = AsyncHTTPClient(force_instance=True, max_clients=clients + 10)
    try:
        return await asyncio.gather(*(participate(Participant(number), base, app, client, timeout)
                                      for number in range(1, clients + 1)))
    finally:
        client.close()


# --- the report ------------------------------------------------------------------------------

HEADER = (f"{'pool':>4} {'clients':>7} | {'page ready p50 s':>16} {'p95 s':>6} {'html p50 s':>10} | "
          f"{'round trip p50 ms':>17} "
          f"{'p95 ms':>7} {'echo p50 ms':>11} | {'errors':>6} | {'kernel MiB mean':>15} {'max':>5} "
          f"{'kernels':>7} | goal")


def report_line(pool_size: int, clients: int, participants: list[Participant],
                memory: list[float], kernels: int) -> str:
    ready = [p.page_ready for p in participants if p.page_ready is not None]
    received = [p.page_received for p in participants if p.page_received is not None]
    trips = [p.round_trip * 1000 for p in participants if p.round_trip is not None]
    echoes = [p.echo * 1000 for p in participants if p.echo is not None]
    errors = sum(1 for p in participants if p.error)

    def two(values: list[float], digits: int) -> tuple[str, str]:
        if not values:
            return "-", "-"
        return f"{statistics.median(values):.{digits}f}", f"{percentile(values, 0.95):.{digits}f}"

    ready_median, ready_slow = two(ready, 1)
    trip_median, trip_slow = two(trips, 0)
    echo_median = two(echoes, 0)[0]
    html_median = two(received, 1)[0]
    mean = f"{statistics.mean(memory):.0f}" if memory else "-"
    top = f"{max(memory):.0f}" if memory else "-"
    met = (errors == 0 and ready and trips and percentile(ready, 0.95) < 10
           and percentile(trips, 0.95) < 250)
    return (f"{pool_size:>4} {clients:>7} | {ready_median:>16} {ready_slow:>6} {html_median:>10} | "
            f"{trip_median:>17} "
            f"{trip_slow:>7} {echo_median:>11} | {errors:>6} | {mean:>15} {top:>5} {kernels:>7} | "
            f"{'met' if met else 'not met'}")


def app_source(app: str) -> Path:
    """Return the notebook of ``app`` (a path under notebooks/, or any notebook file)."""
    for candidate in (NOTEBOOKS / app, Path(app), FALLBACK_APPS / Path(app).name):
        if candidate.is_file():
            return candidate.resolve()
    raise SystemExit(f"no app {app!r} under {NOTEBOOKS} nor in {FALLBACK_APPS}")


def run(app: str, sizes: list[int], pool_sizes: list[int], timeout: float, details: bool,
        serve_all: bool = False, extra: tuple[str, ...] = (), stock: bool = False) -> None:
    source = app_source(app)
    served_as = (source.relative_to(NOTEBOOKS).as_posix() if source.is_relative_to(NOTEBOOKS)
                 else f"tools/{source.name}")
    print(f"app: {served_as} (from {source.relative_to(ROOT) if source.is_relative_to(ROOT) else source})")
    lines = []
    with tempfile.TemporaryDirectory(prefix="room_load_") as temporary:
        for pool_size in pool_sizes:
            folder = Path(temporary) / f"pool_{pool_size}"
            if serve_all:
                not_served = shutil.ignore_patterns("answers", ".ipynb_checkpoints")
                shutil.copytree(NOTEBOOKS, folder, ignore=not_served)
            (folder / served_as).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(source, folder / served_as)
            server = Server(folder, pool_size, Path(temporary) / f"voila_pool_{pool_size}.log", extra, stock,
                            app=served_as)
            try:
                print(f"pool {pool_size}: Voila from {server.origin}:\n  {' '.join(server.command)}")
                server.wait_until_up(120)
                waited = server.wait_until_quiet(600, kernels_expected=pool_size)
                print(f"pool {pool_size}: server ready and quiet after {waited:.0f} s more", flush=True)
                for clients in sizes:
                    participants = asyncio.run(room(server.base, served_as, clients, timeout))
                    alive = server.kernels()
                    room_kernels = [alive[p.kernel_id] for p in participants if p.kernel_id in alive]
                    memory = [m for m in map(resident_mib, room_kernels) if m is not None]
                    lines.append(report_line(pool_size, clients, participants, memory, len(alive)))
                    print(HEADER, lines[-1], sep="\n", flush=True)
                    for participant in participants:
                        if participant.error or details:
                            print(f"  participant {participant.number:2d}: changed "
                                  f"{participant.changed or '-'}; {participant.error or 'ok'}")
                    server.shut_down_kernels([p.kernel_id for p in participants if p.kernel_id])
                    if clients != sizes[-1]:
                        server.wait_until_quiet(600, kernels_expected=pool_size)
            except Exception:
                print(f"Voila's log:\n{server.log.read_text()[-3000:]}")
                raise
            finally:
                server.stop()
    print("\nAll rooms (goal for 30: page ready p95 < 10 s, round trip p95 < 250 ms, no errors):")
    print(HEADER, *lines, sep="\n")


def numbers(text: str) -> list[int]:
    return [int(part) for part in text.split(",") if part.strip()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=numbers, default=[10, 30],
                        help="room sizes, comma-separated (default 10,30)")
    parser.add_argument("--app", default=DEFAULT_APP,
                        help=f"the app, as a path under notebooks/ (default {DEFAULT_APP})")
    parser.add_argument("--pool-size", type=numbers, default=None,
                        help="preheated kernel pool sizes to compare, comma-separated "
                             "(default 0 and the largest room)")
    parser.add_argument("--timeout", type=float, default=180,
                        help="seconds each participant may take in all (default 180)")
    parser.add_argument("--details", action="store_true", help="print what each participant changed")
    parser.add_argument("--serve-all", action="store_true",
                        help="serve all of notebooks/, not the app alone (the pool stays the app's, "
                             "except with --stock: pool size x notebooks kernels)")
    parser.add_argument("--voila-arg", action="append", default=[], metavar="ARG",
                        help="one more argument for Voila, e.g. "
                             "--voila-arg=--VoilaKernelManager.fill_delay=30")
    parser.add_argument("--stock", action="store_true",
                        help="serve with plain Voila (python -m voila), not asm_workshop.present")
    arguments = parser.parse_args()
    pool_sizes = arguments.pool_size if arguments.pool_size is not None else [0, max(arguments.clients)]
    run(arguments.app, arguments.clients, pool_sizes, arguments.timeout, arguments.details,
        arguments.serve_all, tuple(arguments.voila_arg), arguments.stock)


if __name__ == "__main__":
    # A plain kill (SIGTERM) still stops the server and its kernels, as Ctrl+C does.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    main()
