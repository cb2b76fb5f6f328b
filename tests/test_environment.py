"""environment.yml (conda, Binder) asks for the same packages as pyproject.toml."""

import re

import tomllib
import yaml

from conftest import ROOT


def requirement(text: str) -> tuple[str, str]:
    name, constraint = re.match(r"([A-Za-z0-9_.-]+)\s*(.*)", text).groups()
    return name.lower().replace("_", "-"), constraint.replace(" ", "")


def test_conda_dependencies_agree_with_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    environment = yaml.safe_load((ROOT / "environment.yml").read_text())
    conda = dict(requirement(d) for d in environment["dependencies"] if isinstance(d, str))
    conda.pop("python")
    conda.pop("pip")
    assert conda == dict(requirement(d) for d in project["dependencies"])


def test_binder_installs_the_package_with_pip_from_conda_forge():
    environment = yaml.safe_load((ROOT / "environment.yml").read_text())
    assert environment["channels"] == ["conda-forge"]
    pip_section = next(d["pip"] for d in environment["dependencies"] if isinstance(d, dict))
    assert pip_section == ["-e ."]


def test_the_tested_python_is_the_one_binder_gets():
    import sys

    environment = yaml.safe_load((ROOT / "environment.yml").read_text())
    assert f"python={sys.version_info.major}.{sys.version_info.minor}" in environment["dependencies"]
