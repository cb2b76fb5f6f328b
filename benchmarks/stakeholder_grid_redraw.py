"""Print how long the stakeholder grid takes to redraw after a change, in the kernel.

    .venv/bin/python benchmarks/stakeholder_grid_redraw.py [--repeat N]

For 10, 40 and 80 stakeholders, moves one stakeholder's power N times and prints the median
and 90th percentile, in milliseconds, of:

- redraw: the grid after the change (points, names, PNG for the browser, table);
- change: what a slider move costs in all (check, redraw, and the answer saved to disk);
- no-op: the same value set again (nothing is redrawn or saved).

The target is a redraw under 100 ms with 40 stakeholders. Answers go to a temporary folder.
The machines are shared and noisy: compare sizes within one run, not across runs.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time

from asm_workshop.widgets.stakeholder_grid import StakeholderGrid

SIZES = (10, 40, 80)


def percentile(times: list[float], share: float) -> float:
    """Return the value below which ``share`` of ``times`` fall (nearest rank)."""
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def grid_with(size: int, folder: str) -> StakeholderGrid:
    """Return a grid with ``size`` stakeholders spread over the four quadrants."""
    grid = StakeholderGrid(f"benchmark.grid_{size}", case=None, folder=folder)
    for number in range(size):
        grid.add(f"Partie prenante n° {number + 1}", power=(number * 3) % 11, interest=(number * 7) % 11,
                 stance=("supportive", "neutral", "opposed")[number % 3])
    return grid


def measure(size: int, repeat: int, folder: str) -> dict[str, list[float]]:
    """Return the milliseconds of each redraw, change and no-op on a grid of ``size``."""
    grid = grid_with(size, folder)
    moved = grid.names[size // 2]
    times: dict[str, list[float]] = {"redraw": [], "change": [], "no-op": []}
    for step in range(repeat):
        # Change the answer as the slider does, then time the redraw alone.
        grid._stakeholders[size // 2]["power"] = step % 11
        started = time.perf_counter()
        grid.refresh()
        times["redraw"].append((time.perf_counter() - started) * 1000)
    for step in range(repeat):
        started = time.perf_counter()
        grid.set_scores(moved, power=(step + 5) % 11)
        times["change"].append((time.perf_counter() - started) * 1000)
    for _ in range(repeat):
        started = time.perf_counter()
        grid.set_scores(moved, power=grid.value[size // 2]["power"])
        times["no-op"].append((time.perf_counter() - started) * 1000)
    grid.close()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=30)
    repeat = parser.parse_args().repeat
    print(f"{'stakeholders':>12} {'measure':>8} {'median ms':>10} {'p90 ms':>8}")
    with tempfile.TemporaryDirectory() as folder:
        for size in SIZES:
            for label, times in measure(size, repeat, folder).items():
                median, slow = statistics.median(times), percentile(times, 0.9)
                print(f"{size:>12} {label:>8} {median:>10.1f} {slow:>8.1f}")


if __name__ == "__main__":
    main()
