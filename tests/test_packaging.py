"""The package installed without its checkout (``pip install .``, not ``-e``) says what to do, and
runs once ``ASM_WORKSHOP_ROOT`` names the workshop's folder.

A real wheel cannot be built offline here (the setuptools in the environment predates the
``license`` string of pyproject.toml), so the test lays the package out as the wheel would: the
modules and the package-data files that pyproject.toml lists, copied into a folder of their own,
and imported from there in a fresh interpreter.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from asm_workshop import paths
from conftest import ROOT

PACKAGE = ROOT / "src" / "asm_workshop"


@pytest.fixture
def installed(tmp_path) -> Path:
    """A site-packages of its own holding asm_workshop as a wheel would (no datasets/, no share/)."""
    site = tmp_path / "site-packages"
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = ["**/*.py", *data["tool"]["setuptools"]["package-data"]["asm_workshop"]]
    for pattern in patterns:
        for source in PACKAGE.glob(pattern):
            if "__pycache__" in source.parts:
                continue
            target = site / "asm_workshop" / source.relative_to(PACKAGE)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    return site


def run_installed(site: Path, code: str, **environment: str) -> subprocess.CompletedProcess:
    clean = {name: value for name, value in os.environ.items()
             if name not in (paths.ROOT_VARIABLE, paths.DATASETS_VARIABLE, "ASM_WORKSHOP_TEMPLATES")}
    return subprocess.run(
        [sys.executable, "-c", "import asm_workshop, sys\n"
         f"assert asm_workshop.__file__.startswith({str(site)!r}), asm_workshop.__file__\n{code}"],
        capture_output=True, text=True, timeout=120, cwd=site.parent,
        env={**clean, "PYTHONPATH": str(site), "ASM_WORKSHOP_LANG": "en", **environment},
    )


def test_without_its_folder_the_installed_package_says_how_to_find_it(installed):
    run = run_installed(installed, (
        "from asm_workshop import data\n"
        "try:\n    data.load('burkina_mercury_baseline')\n"
        "except data.DataError as error:\n    print(error)\n"
        "from asm_workshop.cli import main\n"
        "sys.exit(main(['present']))"
    ))
    assert run.returncode == 2, run.stderr
    for said in (run.stdout, run.stderr):
        assert "ASM_WORKSHOP_ROOT" in said and "pip install -e ." in said
    assert "Traceback" not in run.stderr


def test_the_installed_package_finds_data_and_share_in_the_folder_its_variable_names(installed, tmp_path):
    workshop = tmp_path / "workshop"
    shutil.copytree(ROOT / "datasets", workshop / "datasets")
    shutil.copytree(ROOT / "share", workshop / "share")
    run = run_installed(installed, (
        "import json\n"
        "from asm_workshop import data, paths, plan, plan_export\n"
        "baseline = data.load('burkina_mercury_baseline')\n"
        "page = plan_export.to_html(plan.example_plan('benin_sand'))\n"
        "print(json.dumps([str(data.datasets_folder()), str(paths.share_folder()), len(baseline),\n"
        "                  '@page { size: A4;' in page]))"
    ), ASM_WORKSHOP_ROOT=str(workshop))
    assert run.returncode == 0, run.stderr
    datasets, share, rows, printable = json.loads(run.stdout.strip().splitlines()[-1])
    assert Path(datasets) == workshop / "datasets" and Path(share) == workshop / "share"
    assert rows > 0 and printable  # the page templates travel inside the package


def test_the_checkout_is_found_without_any_setting(monkeypatch):
    monkeypatch.delenv(paths.ROOT_VARIABLE, raising=False)
    assert paths.repository_root() == ROOT


def test_a_root_variable_naming_no_folder_is_reported_with_the_way_out(tmp_path, monkeypatch):
    monkeypatch.setenv(paths.ROOT_VARIABLE, str(tmp_path / "nowhere"))
    with pytest.raises(paths.WorkshopFolderMissing, match="ASM_WORKSHOP_ROOT") as raised:
        paths.repository_root()
    assert "nowhere" in str(raised.value)
