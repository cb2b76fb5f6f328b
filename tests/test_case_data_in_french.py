"""A tool that starts from a case's data starts in the reader's language: on a French page the
names it seeds (stakeholders, actors and their links, risks, measures, a plan's targets) are the
data package's French, since they become the participant's own text; on an English page they are
the dataset's English, as before."""

import pytest

from asm_workshop import i18n, plan, tables
from asm_workshop.cases import CASES
from asm_workshop.incentives import case_measures
from asm_workshop.risks import case_risks
from asm_workshop.stakeholders import case_actors, case_links, case_stakeholders
from asm_workshop.widgets.incentive_matrix import IncentiveMatrix
from asm_workshop.widgets.influence_map import InfluenceMap
from asm_workshop.widgets.risk_matrix import RiskMatrix
from asm_workshop.widgets.stakeholder_grid import StakeholderGrid


@pytest.fixture
def french():
    i18n.set_language("fr")
    yield tables.french_texts()[1]
    i18n.set_language("en")


def seeded(case: str, folder) -> dict[str, list[str]]:
    """The names each tool starts from for ``case``, in the current language."""
    grid = StakeholderGrid("t.grid", case=case, folder=folder)
    influence = InfluenceMap("t.map", case=case, folder=folder).value
    return {
        "stakeholders": [row["name"] for row in grid.value],
        "actors": [actor["name"] for actor in influence["actors"]],
        "links": [name for link in influence["links"] for name in (link["source"], link["target"])],
        "risks": [row["risk"] for row in RiskMatrix("t.risks", case=case, folder=folder).value],
        "measures": [row["measure"] for row in IncentiveMatrix("t.inc", case=case, folder=folder).value],
        "targets": plan.case_target_stakeholders(case),
    }


def english(case: str) -> dict[str, list[str]]:
    links = case_links(case)
    return {
        "stakeholders": [row["name"] for row in case_stakeholders(case)],
        "actors": [actor["name"] for actor in case_actors(case)],
        "links": [name for link in links for name in (link["source"], link["target"])],
        "risks": [row["risk"] for row in case_risks(case)],
        "measures": case_measures(case)["measure"].tolist(),
        "targets": plan.prioritised_names(case_stakeholders(case)),
    }


@pytest.mark.parametrize("case", CASES)
def test_on_an_english_page_the_tools_start_from_the_datasets_english(case, tmp_path):
    assert seeded(case, tmp_path) == english(case)


@pytest.mark.parametrize("case", CASES)
def test_on_a_french_page_every_name_a_tool_starts_from_is_the_catalogs_french(case, tmp_path, french):
    source = english(case)
    shown = seeded(case, tmp_path)
    for kind, names in source.items():
        if kind == "targets":  # ordered by priority, the same names
            assert sorted(shown[kind]) == sorted(french[name] for name in names), kind
            continue
        assert shown[kind] == [french[name] for name in names], kind
        # Two English names never become one French name: a tool refuses duplicates.
        assert len(set(shown[kind])) == len(set(names)), kind
    # A link joins two of the map's actors, in French as in English.
    assert set(shown["links"]) <= set(shown["actors"])
    # The stakeholders' names are French in the data already; the risks and measures are not.
    for kind in ("risks", "measures"):
        assert all(french[name] != name for name in source[kind]), kind
