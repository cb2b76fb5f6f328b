"""Print how long each lesson takes to run top to bottom in a fresh kernel.

    .venv/bin/python benchmarks/execute_notebooks.py [--repeat N]

Runs each lesson in a temporary copy (answers land there), N times, and prints the
fastest and median wall-clock seconds per lesson, then the total of the medians. The
machines are shared and noisy: compare lessons within one run, not across runs.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from asm_workshop.curriculum import lessons
from asm_workshop.paths import repository_root

ROOT = repository_root()


def run_once(lesson: Path) -> float:
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / lesson.name
        shutil.copy(lesson, copy)
        notebook = nbformat.read(copy, as_version=4)
        started = time.perf_counter()
        NotebookClient(notebook, timeout=300, kernel_name="python3",
                       resources={"metadata": {"path": folder}}).execute()
        return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    arguments = parser.parse_args()
    medians = []
    print(f"{'lesson':45} {'fastest s':>10} {'median s':>10}")
    for lesson in lessons():
        times = [run_once(lesson) for _ in range(arguments.repeat)]
        medians.append(statistics.median(times))
        print(f"{str(lesson.relative_to(ROOT)):45} {min(times):10.2f} {medians[-1]:10.2f}")
    print(f"{'all lessons (sum of medians)':45} {'':10} {sum(medians):10.2f}")


if __name__ == "__main__":
    main()
