"""Where the workshop's files are: its folder (the checkout), and the ``datasets/`` and ``share/`` in it.

The package is meant to run from a checkout, installed with ``pip install -e .`` (what
``workshop.py`` and ``environment.yml`` do): the workshop's folder is then the one above
``src/``. A plain ``pip install .`` copies only the package (code, messages, page templates);
the lessons, datasets and Voila settings stay in the workshop's folder, which the environment
variable ``ASM_WORKSHOP_ROOT`` then names. ``ASM_WORKSHOP_DATASETS`` names another datasets
folder alone (see ``data.datasets_folder``).

This module imports nothing heavy: the room server, the command line and the grading all
find their files through it.
"""

from __future__ import annotations

import os
from pathlib import Path

from asm_workshop.i18n import t

ROOT_VARIABLE = "ASM_WORKSHOP_ROOT"
"""Environment variable naming the workshop's folder (the one holding datasets/, share/, notebooks/)."""
DATASETS_VARIABLE = "ASM_WORKSHOP_DATASETS"
"""Environment variable naming a folder that holds ``datapackage.json``, instead of ``datasets/``."""


class WorkshopFolderMissing(FileNotFoundError):
    """The workshop's folder cannot be found; the message (in the reader's language) says what to do."""


def repository_root() -> Path:
    """Return the workshop's folder: ``ASM_WORKSHOP_ROOT`` if set, else the checkout this package runs from.

    Raises ``WorkshopFolderMissing`` when the variable names no folder, or when the package is
    installed outside a checkout and the variable is not set.
    """
    configured = os.environ.get(ROOT_VARIABLE)
    if configured:
        folder = Path(configured).expanduser().resolve()
        if not folder.is_dir():
            raise WorkshopFolderMissing(t("paths.root_variable_wrong", variable=ROOT_VARIABLE, path=folder))
        return folder
    package = Path(__file__).resolve().parent
    # src/asm_workshop/ inside a folder with pyproject.toml: an editable install from the checkout.
    # Installed in site-packages, the folder two levels up is lib/, which holds none of the workshop.
    checkout = package.parents[1]
    if package.parent.name == "src" and (checkout / "pyproject.toml").is_file():
        return checkout
    raise WorkshopFolderMissing(t("paths.root_unknown", variable=ROOT_VARIABLE, package=package))


def datasets_folder() -> Path:
    """Return where the datasets should be: ``ASM_WORKSHOP_DATASETS`` if set, else ``datasets/``.

    The folder may not exist; ``data.datasets_folder`` says so in the reader's language.
    """
    configured = os.environ.get(DATASETS_VARIABLE)
    return Path(configured).expanduser() if configured else repository_root() / "datasets"


def share_folder() -> Path:
    """Return ``share/``: Voila's settings (``voila.json``) and, under ``jupyter/``, the page template."""
    return repository_root() / "share"
