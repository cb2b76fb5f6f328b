"""Print what isolated grading costs per submission, next to running the notebook once.

    .venv/bin/python benchmarks/grading.py [--class-size 30] [--jobs 2] [--assignments welcome day1]

For each assignment (by default ``welcome`` and every day's assignment in ``solutions/``), a
class of complete submissions (the solution notebook with the reference answers of
tests/fixtures/answers/) is graded with ``grade_class`` twice: one submission at a time, then
``--jobs`` at a time. Printed per assignment:

- floor: seconds nbclient takes to run the solution notebook once in a fresh kernel (median of
  three, in this same run): what any autograde must spend at least;
- serial and parallel: seconds of wall clock per submission for the whole class (template,
  unpacking, grading, merging, grades.csv, feedback pages, summary), and that over the floor;
- speed-up: serial over parallel.

The machines are shared and noisy: compare figures within one run, not across runs.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from asm_workshop.grading.grade import grade_class
from asm_workshop.grading.isolation import Limits
from asm_workshop.grading.sandbox import choose_bubblewrap
from asm_workshop.paths import repository_root

ROOT = repository_root()
ANSWERS = ROOT / "tests" / "fixtures" / "answers"


def complete_submission(assignment: str, folder: Path) -> None:
    """Copy the solution notebooks and the reference answers into ``folder``."""
    folder.mkdir(parents=True)
    for notebook in (ROOT / "solutions" / assignment).glob("*.ipynb"):
        shutil.copy(notebook, folder / notebook.name)
    if (ANSWERS / assignment).is_dir():
        shutil.copytree(ANSWERS / assignment, folder / "answers")


def floor_seconds(assignment: str, repeat: int = 3) -> float:
    """Median seconds nbclient takes to run the assignment's solution notebooks once."""
    times = []
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as folder:
            submission = Path(folder) / "run"
            complete_submission(assignment, submission)
            started = time.perf_counter()
            for path in sorted(submission.glob("*.ipynb")):
                notebook = nbformat.read(path, as_version=4)
                NotebookClient(notebook, timeout=300, kernel_name="python3",
                               resources={"metadata": {"path": str(submission)}}).execute()
            times.append(time.perf_counter() - started)
    return statistics.median(times)


def class_seconds(assignment: str, class_size: int, jobs: int, sandbox: str) -> float:
    """Wall-clock seconds per submission to grade a class of ``class_size`` complete submissions."""
    with tempfile.TemporaryDirectory(prefix="asm-benchmark-") as folder:
        submissions = Path(folder) / "submissions"
        for number in range(1, class_size + 1):
            complete_submission(assignment, submissions / f"participant_{number:02d}")
        started = time.perf_counter()
        result = grade_class(assignment, submissions, Path(folder) / "out", jobs=jobs, sandbox=sandbox,
                             limits=Limits(submission_seconds=600, cell_seconds=300), work=Path(folder))
        seconds = time.perf_counter() - started
        not_graded = [row.participant for row in result.rows if row.status == "not graded"]
        if not_graded:
            sys.exit(f"{assignment}: {len(not_graded)} submissions not graded, e.g. {result.rows[0].reason}")
        return seconds / class_size


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--class-size", type=int, default=30)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--sandbox", choices=("auto", "bwrap", "none"), default="auto")
    parser.add_argument("--assignments", nargs="*", default=None)
    arguments = parser.parse_args()
    assignments = arguments.assignments or ["welcome"] + sorted(
        p.name for p in (ROOT / "solutions").glob("day*") if any(p.glob("*.ipynb")))
    sandbox = "bubblewrap" if choose_bubblewrap(arguments.sandbox) else "no sandbox"
    print(f"class of {arguments.class_size}, {sandbox}; seconds per submission (ratio to the floor)")
    jobs = f"{arguments.jobs} jobs s"
    print(f"{'assignment':12} {'floor s':>8} {'serial s':>16} {jobs:>16} {'speed-up':>9}")
    for assignment in assignments:
        floor = floor_seconds(assignment)
        serial = class_seconds(assignment, arguments.class_size, 1, arguments.sandbox)
        parallel = class_seconds(assignment, arguments.class_size, arguments.jobs, arguments.sandbox)
        print(f"{assignment:12} {floor:8.2f} {serial:8.2f} ({serial / floor:4.2f}x) "
              f"{parallel:8.2f} ({parallel / floor:4.2f}x) {serial / parallel:8.2f}x")


if __name__ == "__main__":
    main()
