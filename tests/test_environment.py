"""What is installed, and how: pyproject.toml's ranges, the locks every install uses (requirements/),
and environment.yml (conda, Binder) all say the same."""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import sys
import tomllib

import pytest
import yaml
from packaging.markers import default_environment
from packaging.requirements import Requirement

from conftest import ROOT

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())
PROJECT = PYPROJECT["project"]
# The target environments of uv's --python-platform names, as packaging's markers see them.
MARKERS = {
    "linux": {"sys_platform": "linux", "platform_system": "Linux", "os_name": "posix"},
    "windows": {"sys_platform": "win32", "platform_system": "Windows", "os_name": "nt"},
    "macos": {"sys_platform": "darwin", "platform_system": "Darwin", "os_name": "posix"},
}


def load_workshop_script():
    spec = importlib.util.spec_from_file_location("workshop_script", ROOT / "workshop.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


workshop = load_workshop_script()
TARGETS = [(platform, python, extra) for platform in workshop.LOCKED_PLATFORMS
           for python in workshop.LOCKED_PYTHONS for extra in ("", workshop.TEST_EXTRA)]


def pins(lock) -> dict[str, str]:
    """Return the lock's packages (normalised names) and their pinned versions."""
    found = {}
    for line in lock.read_text().splitlines():
        match = re.match(r"([A-Za-z0-9_.-]+)==([^ ;\\]+)", line)
        if match:
            found[normalised(match.group(1))] = match.group(2)
    return found


def normalised(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def requirement(text: str) -> tuple[str, str]:
    name, constraint = re.match(r"([A-Za-z0-9_.-]+)\s*(.*)", text).groups()
    return normalised(name), constraint.replace(" ", "")


def test_the_python_floor_is_311_everywhere():
    floor = workshop.MINIMUM_PYTHON
    assert PROJECT["requires-python"] == f">={floor[0]}.{floor[1]}" == ">=3.11"
    assert workshop.LOCKED_PYTHONS[0] == "3.11"
    assert "Python 3.11 or newer" in (ROOT / "README.md").read_text()
    assert "Python 3.11 or newer" in workshop.__doc__
    assert PYPROJECT["tool"]["ruff"]["target-version"] == "py311"


@pytest.mark.parametrize(("platform", "python", "extra"), TARGETS)
def test_every_lock_is_made_from_pyproject_as_it_is_now(platform, python, extra):
    lock = workshop.lock_file(platform, python, extra)
    assert lock.is_file(), f"{lock.name} is missing: run `python3 workshop.py lock`"
    assert workshop.recorded_digest(lock) == workshop.project_digest(), (
        f"{lock.name} was made before the last change to pyproject.toml: run `python3 workshop.py lock`"
    )


@pytest.mark.parametrize(("platform", "python", "extra"), TARGETS)
def test_every_lock_pins_each_declared_dependency_in_its_range_with_hashes(platform, python, extra):
    lock = workshop.lock_file(platform, python, extra)
    pinned = pins(lock)
    environment = {**default_environment(), **MARKERS[platform], "python_version": python,
                   "python_full_version": f"{python}.0", "extra": extra}
    declared = PROJECT["dependencies"] + PYPROJECT["build-system"]["requires"]
    declared += PROJECT["optional-dependencies"][extra] if extra else []
    for text in declared:
        wanted = Requirement(text)
        if wanted.marker and not wanted.marker.evaluate(environment):
            continue
        name = normalised(wanted.name)
        assert name in pinned, f"{lock.name} does not pin {name}"
        assert wanted.specifier.contains(pinned[name], prereleases=True), (
            f"{lock.name} pins {name}=={pinned[name]}, outside pyproject.toml's {wanted.specifier}"
        )
    text = lock.read_text()
    assert text.count("--hash=sha256:") >= len(pinned)
    assert not re.search(r"==[^\n]*\n(?!\s+--hash)", text.split("\n", 3)[3]), "a pin without its hashes"


@pytest.mark.parametrize(("platform", "python"),
                         [(p, v) for p in workshop.LOCKED_PLATFORMS for v in workshop.LOCKED_PYTHONS])
def test_the_test_lock_keeps_every_version_of_the_participants_lock(platform, python):
    # CI tests exactly what a facilitator installs: the test tools come on top, nothing moves.
    participants = pins(workshop.lock_file(platform, python))
    tested = pins(workshop.lock_file(platform, python, workshop.TEST_EXTRA))
    assert {name: tested.get(name) for name in participants} == participants


def test_the_quick_start_refuses_a_lock_older_than_pyproject(tmp_path):
    for name in ("workshop.py", "pyproject.toml", "src/asm_workshop/messages/workshop.json"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / name, tmp_path / name)
    shutil.copytree(ROOT / "requirements", tmp_path / "requirements")
    pyproject = tmp_path / "pyproject.toml"
    text = pyproject.read_text()
    assert '"networkx>=3.2",' in text
    pyproject.write_text(text.replace('"networkx>=3.2",', '"networkx>=3.2",\n    "rich",'))
    run = subprocess.run([sys.executable, str(tmp_path / "workshop.py"), "lab"],
                         capture_output=True, text=True, timeout=60)
    assert run.returncode != 0
    assert "was made before the last change to pyproject.toml" in run.stderr
    assert "python3 workshop.py lock" in run.stderr
    assert "date d'avant la dernière modification de pyproject.toml" in run.stderr  # and in French
    assert not (tmp_path / ".venv").exists(), "nothing is installed from a stale lock"


def test_installing_for_the_tests_covers_the_workshop_but_not_the_reverse(tmp_path):
    base = workshop.lock_file("linux", "3.11")
    tested = workshop.lock_file("linux", "3.11", workshop.TEST_EXTRA)
    assert workshop.installed_lock_covers(base, workshop.stamp_text(tested))
    assert workshop.installed_lock_covers(base, workshop.stamp_text(base))
    assert not workshop.installed_lock_covers(tested, workshop.stamp_text(base))
    changed = tmp_path / base.name
    changed.write_text(base.read_text() + "\n# changed\n")
    assert not workshop.installed_lock_covers(base, workshop.stamp_text(changed))
    before_a_project_change = workshop.stamp_text(base).rsplit(" ", 1)[0] + " " + "0" * 64
    assert not workshop.installed_lock_covers(base, before_a_project_change)


def test_every_message_of_the_quick_start_is_in_the_catalog_in_both_languages():
    from asm_workshop.i18n import catalog

    script = (ROOT / "workshop.py").read_text()
    keys = set(re.findall(r'say\("(workshop\.[a-z_]+)"', script))
    assert keys and keys <= set(catalog())
    assert {key for key in catalog() if key.startswith("workshop.")} == keys, "a message no one says"
    assert not re.search(r'(print|sys\.exit)\((f?")', script), "a message outside the catalog"


def test_the_quick_start_never_upgrades_pip_nor_installs_unlocked():
    script = (ROOT / "workshop.py").read_text()
    assert "--upgrade" not in script
    assert "--require-hashes" in script and "--no-deps" in script


def test_conda_dependencies_agree_with_pyproject():
    environment = yaml.safe_load((ROOT / "environment.yml").read_text())
    conda = dict(requirement(d) for d in environment["dependencies"] if isinstance(d, str))
    conda.pop("python")
    conda.pop("pip")
    assert conda == dict(requirement(d) for d in PROJECT["dependencies"])


def test_binder_installs_the_package_with_pip_from_conda_forge():
    environment = yaml.safe_load((ROOT / "environment.yml").read_text())
    assert environment["channels"] == ["conda-forge"]
    pip_section = next(d["pip"] for d in environment["dependencies"] if isinstance(d, dict))
    assert pip_section == ["-e ."]


def test_binder_gets_the_python_floor_that_ci_tests():
    environment = yaml.safe_load((ROOT / "environment.yml").read_text())
    floor = ".".join(map(str, workshop.MINIMUM_PYTHON))
    assert f"python={floor}" in environment["dependencies"]


def imported_modules(paths) -> set[str]:
    """Return the top-level modules that the Python files (and notebooks' code cells) in ``paths`` import."""
    import ast

    import nbformat

    found = set()
    for path in paths:
        if path.suffix == ".ipynb":
            notebook = nbformat.read(path, as_version=4)
            # IPython's magics and shell escapes are not Python; they import nothing.
            sources = ["\n".join(line for line in cell.source.splitlines()
                                  if not line.lstrip().startswith(("%", "!")))
                       for cell in notebook.cells if cell.cell_type == "code"]
        else:
            sources = [path.read_text(encoding="utf-8")]
        for source in sources:
            for node in ast.walk(ast.parse(source)):
                if isinstance(node, ast.Import):
                    found |= {alias.name.split(".")[0] for alias in node.names}
                elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                    found.add(node.module.split(".")[0])
    return found


def undeclared(modules: set[str], declared: list[str]) -> set[str]:
    from importlib.metadata import packages_distributions

    names = {normalised(Requirement(text).name) for text in declared}
    distributions = packages_distributions()
    first_party = {"asm_workshop", *(path.stem for path in (ROOT / "tests").glob("*.py")),
                   *(path.stem for path in (ROOT / "benchmarks").glob("*.py"))}
    return {
        module for module in modules - set(sys.stdlib_module_names) - first_party
        if not {normalised(d) for d in distributions.get(module, [module])} & names
    }


def test_every_package_the_workshop_imports_is_declared():
    files = [*(ROOT / "src").rglob("*.py"), *(ROOT / "notebooks").rglob("*.ipynb"),
             *(ROOT / "solutions").rglob("*.ipynb")]
    assert undeclared(imported_modules(files), PROJECT["dependencies"]) == set()


def test_every_package_the_tests_and_benchmarks_import_is_declared():
    files = [*(ROOT / "tests").rglob("*.py"), *(ROOT / "benchmarks").rglob("*.py"), ROOT / "workshop.py"]
    declared = PROJECT["dependencies"] + PROJECT["optional-dependencies"][workshop.TEST_EXTRA]
    assert undeclared(imported_modules(files), declared) == set()
