"""Print each Voila app's time to interactive, against a bare one-slider notebook in the same run.

    .venv/bin/python benchmarks/voila_time_to_interactive.py [--repeat N] [--only day1,tools/mercury]

The apps are every lesson under notebooks/ and every tool under notebooks/tools/, as they are
when this runs (``--only``: those whose path under notebooks/ contains one of the given
pieces). The baseline is benchmarks/fixtures/bare_slider.ipynb: one IntSlider, nothing else.
One Voila on 127.0.0.1 serves a temporary copy of notebooks/ with the baseline beside it, and
Debian's chromium (headless, through Playwright) opens each page in a fresh tab: the baseline,
then each app, N rounds, so that the machine's noise falls on all of them alike. One page of
the baseline is opened first and not counted, so that the browser's cache holds Voila's scripts
and styles for every counted page, as it does in a room after the first app.

Time to interactive, in seconds, is measured by the page's own clock (``performance.now()``,
zero at the start of the navigation) and is the sum of:

- views: the moment every widget the notebook displays (each ``widget-view+json`` output of
  the page Voila sent) is drawn as a widget view in its cell, with Voila's kernel websocket
  open (for a page with no widget: that websocket open and the page loaded);
- round trip: then one control is changed as a participant would (the first visible slider,
  dropdown, number box, radio button, checkbox or text box, in that order of preference; a
  slider by the keyboard) and the time from the page sending that change to the kernel (a
  ``comm_msg`` with method ``update`` on the kernel websocket) to the kernel saying it is
  idle again after it (its ``status: idle`` answering that message), so the app has reacted.

That is the moment a participant's first change would be answered if they made it as soon as
the widgets appeared; the benchmark's own clicking in between is not counted. A lesson with no
control has no round trip.

For each app: the median over the rounds and its ratio to the baseline's median. The goal is
a ratio of at most 1.3. The machines are shared and noisy: compare within one run.
"""

from __future__ import annotations

import argparse
import shutil
import signal
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from room_load import CELL_FAILED, CELL_OUTPUT, Server

from asm_workshop.paths import repository_root

ROOT = repository_root()
NOTEBOOKS = ROOT / "notebooks"
BARE = Path(__file__).resolve().parent / "fixtures" / "bare_slider.ipynb"
BARE_SERVED = "benchmark_bare_slider.ipynb"
CHROMIUM = "/usr/bin/chromium"
GOAL = 1.3

# Runs in every page before Voila's scripts: notes, by the page's clock, when the kernel
# websocket opens, when the page sends a widget change, and when the kernel is idle after
# each message. Frames are the v1 kernel websocket protocol (binary) or plain JSON text.
WATCH_KERNEL_WEBSOCKET = """
(() => {
  const watched = {opened: null, updates: [], idle: {}};
  window.__interactive = watched;
  const decoder = new TextDecoder();
  function decode(data) {
    try {
      if (typeof data === 'string') {
        const message = JSON.parse(data);
        return message.channel ? message : null;
      }
      const buffer = data instanceof ArrayBuffer ? data : (ArrayBuffer.isView(data) ? data.buffer : null);
      if (!buffer) return null;
      const view = new DataView(buffer);
      const count = Number(view.getBigUint64(0, true));
      const offsets = [];
      for (let i = 0; i < count; i++) offsets.push(Number(view.getBigUint64(8 * (i + 1), true)));
      const part = (i) => decoder.decode(new Uint8Array(buffer, offsets[i], offsets[i + 1] - offsets[i]));
      return {channel: part(0), header: JSON.parse(part(1)), parent_header: JSON.parse(part(2)),
              content: JSON.parse(part(4))};
    } catch (error) {
      return null;
    }
  }
  const Native = window.WebSocket;
  class Watched extends Native {
    constructor(url, protocols) {
      super(url, protocols);
      if (!String(url).includes('/channels')) return;
      this.addEventListener('open', () => {
        if (watched.opened === null) watched.opened = performance.now();
      });
      this.addEventListener('message', (event) => {
        const message = decode(event.data);
        if (message && message.channel === 'iopub' && message.header.msg_type === 'status'
            && message.content.execution_state === 'idle' && message.parent_header.msg_id) {
          watched.idle[message.parent_header.msg_id] = performance.now();
        }
      });
    }
    send(data) {
      const message = decode(data);
      if (message && message.header.msg_type === 'comm_msg' && message.content.data
          && message.content.data.method === 'update') {
        watched.updates.push({id: message.header.msg_id, at: performance.now()});
      }
      return super.send(data);
    }
  }
  window.WebSocket = Watched;
})();
"""

# Returns false until every widget output of the cells is drawn, then the page's clock.
VIEWS_DRAWN = """
(expected) => {
  const watched = window.__interactive;
  if (!watched || watched.opened === null || document.readyState !== 'complete') return false;
  const cells = '.jp-Cell-outputArea > .jp-OutputArea-child > .jp-OutputArea-output';
  const outputs = document.querySelectorAll(cells);
  // A drawn view is a Lumino widget in the output; until then Voila shows the text fallback.
  const drawn = [...outputs].filter((output) => !output.classList.contains('jp-RenderedText')
                                     && output.querySelector('.lm-Widget')).length;
  return drawn >= expected ? performance.now() : false;
}
"""

# Returns false until the kernel is idle after a change sent after ``since``, then both times.
CHANGE_ANSWERED = """
(since) => {
  const watched = window.__interactive;
  const update = watched.updates.find((u) => u.at >= since && watched.idle[u.id] !== undefined);
  return update ? [update.at, watched.idle[update.id]] : false;
}
"""

CONTROLS = (
    ("slider", ".jupyter-widgets .noUi-handle"),
    ("dropdown", ".jupyter-widgets select:not([disabled])"),
    ("number box", ".jupyter-widgets input[type=number]:not([disabled])"),
    ("radio button", ".jupyter-widgets input[type=radio]:not([disabled]):not(:checked)"),
    ("checkbox", ".jupyter-widgets input[type=checkbox]:not([disabled])"),
    ("text box", ".jupyter-widgets input[type=text]:not([disabled])"),
)


@dataclass
class Measure:
    views: float
    round_trip: float | None
    control: str

    @property
    def interactive(self) -> float:
        return self.views + (self.round_trip or 0)


def apps(only: list[str]) -> list[str]:
    """Return the paths under notebooks/ of the lessons, then the tools, filtered by ``only``."""
    found = sorted(
        path.relative_to(NOTEBOOKS).as_posix() for path in NOTEBOOKS.rglob("*.ipynb")
        if ".ipynb_checkpoints" not in path.parts and "answers" not in path.parts
    )
    lessons = [path for path in found if not path.startswith("tools/")]
    tools = [path for path in found if path.startswith("tools/")]
    return [path for path in lessons + tools if not only or any(piece in path for piece in only)]


def change_one_control(page) -> str:
    """Change the first visible control of the page as a participant would; return its kind."""
    for kind, selector in CONTROLS:
        control = page.locator(f"{selector} >> visible=true").first
        if control.count() == 0:
            continue
        if kind == "slider":
            # A slider at its maximum only moves left.
            at_maximum = control.get_attribute("aria-valuenow") == control.get_attribute("aria-valuemax")
            control.focus()
            control.press("ArrowLeft" if at_maximum else "ArrowRight")
        elif kind == "dropdown":
            options = control.locator("option")
            current = control.input_value()
            values = [options.nth(i).get_attribute("value") for i in range(options.count())]
            others = [value for value in values if value != current]
            if not others:
                continue
            control.select_option(others[0])
        elif kind == "number box":
            control.fill(str(float(control.input_value() or 0) + 1).removesuffix(".0"))
            control.press("Enter")
        elif kind in ("radio button", "checkbox"):
            control.click()
        else:
            control.fill((control.input_value() or "") + "a")
            control.press("Enter")
        return kind
    return ""


def measure(context, server: Server, path: str, timeout_ms: float) -> Measure:
    """Open ``path`` in a fresh tab and return its time to interactive, in seconds."""
    page = context.new_page()
    kernel_id = None
    try:
        response = page.goto(f"{server.base}/voila/render/{path}", wait_until="load", timeout=timeout_ms)
        if response is None or response.status != 200:
            raise RuntimeError(f"HTTP {response.status if response else 'no response'}")
        body = response.text()
        if CELL_FAILED in body:
            raise RuntimeError("a cell failed in Voila")
        expected = sum(1 for output in CELL_OUTPUT.findall(body) if "widget-view+json" in output)
        views = page.wait_for_function(VIEWS_DRAWN, arg=expected, timeout=timeout_ms).json_value()
        kernel_id = page.evaluate(
            "() => JSON.parse(document.getElementById('jupyter-config-data').textContent).kernelId")
        since = page.evaluate("() => performance.now()")
        control = change_one_control(page)
        round_trip = None
        if control:
            sent, idle = page.wait_for_function(CHANGE_ANSWERED, arg=since, timeout=timeout_ms).json_value()
            round_trip = (idle - sent) / 1000
        return Measure(views / 1000, round_trip, control)
    finally:
        page.close()
        if kernel_id:
            server.shut_down_kernels([kernel_id])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="rounds over all pages (default 3)")
    parser.add_argument("--only", default="", help="comma-separated pieces of the apps' paths to keep")
    parser.add_argument("--timeout", type=float, default=120, help="seconds a page may take (default 120)")
    arguments = parser.parse_args()
    chosen = apps([piece for piece in arguments.only.split(",") if piece])
    if not chosen:
        raise SystemExit(f"no app under {NOTEBOOKS} matches {arguments.only!r}")
    from playwright.sync_api import sync_playwright

    timings: dict[str, list[Measure]] = {path: [] for path in [BARE_SERVED, *chosen]}
    failures: dict[str, str] = {}
    with tempfile.TemporaryDirectory(prefix="voila_tti_") as temporary:
        served = Path(temporary) / "notebooks"
        shutil.copytree(NOTEBOOKS, served, ignore=shutil.ignore_patterns("answers", ".ipynb_checkpoints"))
        shutil.copy(BARE, served / BARE_SERVED)
        server = Server(served, 0, Path(temporary) / "voila.log")
        print(f"Voila from {server.origin}:\n  {' '.join(server.command)}")
        try:
            server.wait_until_up(120)
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=CHROMIUM,
                    args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                          "--disable-component-update", "--disable-sync", "--no-first-run"],
                )
                context = browser.new_context()
                context.add_init_script(WATCH_KERNEL_WEBSOCKET)
                measure(context, server, BARE_SERVED, arguments.timeout * 1000)  # fills the cache
                for round_number in range(1, arguments.repeat + 1):
                    started = time.monotonic()
                    for path in timings:
                        if path in failures:
                            continue
                        try:
                            timings[path].append(measure(context, server, path, arguments.timeout * 1000))
                        except Exception as error:  # noqa: BLE001 - one broken app must not stop the rest
                            failures[path] = f"{type(error).__name__}: {str(error).splitlines()[0][:100]}"
                    print(f"round {round_number}/{arguments.repeat}: {time.monotonic() - started:.0f} s",
                          flush=True)
                browser.close()
        finally:
            server.stop()
    report(timings, failures)


def report(timings: dict[str, list[Measure]], failures: dict[str, str]) -> None:
    bare = timings[BARE_SERVED]
    if not bare:
        raise SystemExit(f"the bare notebook failed: {failures.get(BARE_SERVED)}")
    baseline = statistics.median(m.interactive for m in bare)
    print(f"\n{'app':50} {'views s':>8} {'trip ms':>8} {'interactive s':>13} {'ratio':>6}  "
          f"goal <= {GOAL}x  control")
    met_all = True
    for path, measures in timings.items():
        name = "bare slider (baseline)" if path == BARE_SERVED else path
        if path in failures:
            met_all = False
            print(f"{name:50} failed: {failures[path]}")
            continue
        views = statistics.median(m.views for m in measures)
        trips = [m.round_trip * 1000 for m in measures if m.round_trip is not None]
        trip = f"{statistics.median(trips):.0f}" if trips else "-"
        interactive = statistics.median(m.interactive for m in measures)
        ratio = interactive / baseline
        met = round(ratio, 2) <= GOAL  # as printed
        met_all = met_all and met
        print(f"{name:50} {views:8.2f} {trip:>8} {interactive:13.2f} {ratio:6.2f}  "
              f"{'met' if met else 'NOT MET':11} {measures[-1].control or 'none'}")
    print(f"\nGoal (every app within {GOAL}x the bare notebook): {'met' if met_all else 'not met'}")


if __name__ == "__main__":
    # A plain kill (SIGTERM) still stops the server and its kernels, as Ctrl+C does.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    main()
