"""Every lesson and graded exercise ends with its sources, and cites only addresses from facts.md."""

import re

import nbformat
import pytest

from asm_workshop.curriculum import lessons
from conftest import FACTS, ROOT, needs_facts

TEACHING = lessons() + sorted((ROOT / "solutions").glob("*/*.ipynb"))
ADDRESS = re.compile(r"https?://[^\s)\]>*]+")


def prose(notebook_path):
    notebook = nbformat.read(notebook_path, as_version=4)
    return "\n".join(cell.source for cell in notebook.cells if cell.cell_type == "markdown")


@pytest.mark.parametrize("notebook", TEACHING, ids=[p.stem for p in TEACHING])
def test_ends_with_a_sources_list(notebook):
    assert re.search(r"^#+ Sources", prose(notebook), flags=re.M), f"{notebook.name} has no Sources section"


@needs_facts
@pytest.mark.parametrize("notebook", TEACHING, ids=[p.stem for p in TEACHING])
def test_every_cited_address_is_in_the_sourced_facts(notebook):
    facts = FACTS.read_text(encoding="utf-8")
    cited = {address.rstrip(".,;") for address in ADDRESS.findall(prose(notebook))}
    assert sorted(address for address in cited if address not in facts) == []
