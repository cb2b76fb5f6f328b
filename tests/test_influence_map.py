"""The influence map widget: actors, towers and typed links are checked, drawn, summarised and
saved; a link to an actor who is not on the map is refused and loses nothing."""

from __future__ import annotations

import html
import json

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from asm_workshop import i18n
from asm_workshop.errors import CaseError
from asm_workshop.stakeholders import StakeholderError, case_actors, case_links
from asm_workshop.widgets.influence_map import InfluenceMap, map_layout

KEY = "day2.influence_map"
PNG = b"\x89PNG\r\n\x1a\n"
OPEN: list[InfluenceMap] = []


@pytest.fixture(autouse=True)
def close_maps():
    """Close each test's maps: a widget left open keeps listening for language changes."""
    yield
    while OPEN:
        OPEN.pop().close()


def influence_map(folder, case="burkina_gold", key=KEY):
    OPEN.append(InfluenceMap(key, case=case, folder=folder))
    return OPEN[-1]


def saved(folder, key=KEY):
    return json.loads((folder / f"{key}.json").read_text(encoding="utf-8"))["value"]


def saved_text(folder):
    return (folder / f"{KEY}.json").read_text(encoding="utf-8")


def problem(widget, field):
    return html.unescape(widget.problem(field))


def test_starts_from_the_case_and_names_hubs_go_betweens_and_isolated_actors(tmp_path):
    network = influence_map(tmp_path)
    assert network.value == {"actors": case_actors("burkina_gold"), "links": case_links("burkina_gold")}
    summary = html.unescape(network._summary_html.value)
    assert "Most connected: Chef de site (7 links)" in summary
    assert "Go-betweens" in summary and "Propriétaires de puits" in summary
    assert "Isolated (no link at all): Agriculteurs riverains" in summary
    assert bytes(network._image.value).startswith(PNG)
    assert not (tmp_path / f"{KEY}.json").exists()


def test_an_empty_map_says_so_and_an_unknown_case_is_refused(tmp_path):
    empty = influence_map(tmp_path, case=None)
    assert empty.value == {"actors": [], "links": []} and "none" in empty._summary_html.value
    with pytest.raises(CaseError, match="no case study"):
        influence_map(tmp_path, case="ghana_gold")


def test_typing_an_actor_and_clicking_add_saves_it_with_its_tower(tmp_path):
    network = influence_map(tmp_path, case="benin_sand")
    network._new_actor.value = "Mairie de Lokossa"
    network._add_actor_button.click()
    assert saved(tmp_path)["actors"][-1] == {"name": "Mairie de Lokossa", "influence": 5}
    network._influence.value = 8
    assert saved(tmp_path)["actors"][-1] == {"name": "Mairie de Lokossa", "influence": 8}
    assert "Mairie de Lokossa" in network._summary_html.value, "a new actor has no link yet"


def test_choosing_two_actors_and_a_type_adds_a_coloured_link(tmp_path):
    network = influence_map(tmp_path, case="benin_sand")
    network._source.value = "ONG locale"
    network._target.value = "Groupement de femmes de Comé"
    network._link_type.value = "support"
    network._add_link_button.click()
    assert saved(tmp_path)["links"][-1] == {"source": "ONG locale", "target": "Groupement de femmes de Comé",
                                           "link_type": "support"}
    assert "Isolated (no link at all): none" in network._summary_html.value


# Not "english": that name is the autouse fixture that resets the language.
@pytest.mark.parametrize(("source", "target", "link_type", "field", "in_english", "in_french"), [
    ("Préfet du Mono", "Mairie de Lokossa", "command", "link", "\"Mairie de Lokossa\", who is not on the map",
     "« Mairie de Lokossa », qui n'est pas sur la carte"),
    ("Préfet du Mono", "Préfet du Mono", "command", "link", "cannot be linked to itself",
     "ne peut pas être relié à lui-même"),
    ("Préfet du Mono", "Brigade mobile de contrôle", "command", "link", "already on the map",
     "déjà sur la carte"),
    ("Préfet du Mono", "Pêcheurs du lac Ahémé", "bribe", "link", "Unknown link type", "Type de lien inconnu"),
])
def test_bad_links_are_refused_next_to_the_link_fields_and_lose_nothing(
        tmp_path, source, target, link_type, field, in_english, in_french):
    network = influence_map(tmp_path, case="benin_sand")
    network.set_influence("Préfet du Mono", 10)
    before, file_before = network.value, saved_text(tmp_path)
    with pytest.raises(StakeholderError):
        network.add_link(source, target, link_type)
    assert in_english in problem(network, field)
    assert network.value == before and saved_text(tmp_path) == file_before
    i18n.set_language("fr")
    assert in_french in problem(network, field)


def test_empty_and_duplicate_actor_names_are_refused_and_what_was_typed_stays(tmp_path):
    network = influence_map(tmp_path, case="benin_sand")
    for typed, message in (("  ", "needs a name"), ("préfet du MONO", "already on the list")):
        network._new_actor.value = typed
        network._add_actor_button.click()
        assert message in problem(network, "new_actor") and network._new_actor.value == typed
    assert network.value["actors"] == case_actors("benin_sand")


def test_a_tower_off_the_scale_is_refused_next_to_the_slider(tmp_path):
    network = influence_map(tmp_path)
    with pytest.raises(StakeholderError, match="Influence tower: 12 is off the scale"):
        network.set_influence("DEMAS", 12)
    assert "off the scale" in problem(network, "influence")
    assert network.value["actors"][0] == {"name": "DEMAS", "influence": 8}


def test_removing_an_actor_removes_its_links_and_says_how_many(tmp_path):
    network = influence_map(tmp_path)
    network._actor.value = "Chef de site"
    network._remove_actor_button.click()
    kept = saved(tmp_path)
    assert "Chef de site" not in [actor["name"] for actor in kept["actors"]]
    assert all("Chef de site" not in (link["source"], link["target"]) for link in kept["links"])
    assert "with its 7 link(s)" in network._notice.value


def test_removing_the_chosen_link_keeps_the_others(tmp_path):
    network = influence_map(tmp_path, case="benin_sand")
    first = network.value["links"][0]
    network._link_choice.value = 0
    network._remove_link_button.click()
    assert first not in saved(tmp_path)["links"]
    assert len(saved(tmp_path)["links"]) == len(case_links("benin_sand")) - 1
    with pytest.raises(StakeholderError, match="no such link"):
        network.remove_link(first["source"], first["target"], first["link_type"])


def test_running_the_cell_again_restores_the_map_with_its_accents(tmp_path):
    network = influence_map(tmp_path, case="benin_sand")
    network.add_actor("Comité de gestion de Houéyogbé", influence=4)
    network.add_link("Comité de gestion de Houéyogbé", "Mairie de Houéyogbé", "support")
    file_before = saved_text(tmp_path)
    again = influence_map(tmp_path, case="benin_sand")
    assert again.value == network.value and saved_text(tmp_path) == file_before


def test_a_saved_map_with_a_link_to_a_missing_actor_is_set_aside(tmp_path):
    value = {"actors": [{"name": "Préfet du Mono", "influence": 9}],
             "links": [{"source": "Préfet du Mono", "target": "Mairie de Comé", "link_type": "command"}]}
    content = {"format": 1, "key": KEY, "value": value}
    (tmp_path / f"{KEY}.json").write_text(json.dumps(content), encoding="utf-8")
    network = influence_map(tmp_path, case="benin_sand")
    assert network.value["actors"] == case_actors("benin_sand")
    status = html.unescape(network.status.value)
    assert "link 1" in status and "not on the map" in status and ".json.bak" in status


def test_frames_and_csv_exports_keep_accented_names(tmp_path):
    network = influence_map(tmp_path, case="benin_sand")
    frame = network.to_frame().set_index("name")
    assert frame.loc["Chefs de carrière", "links"] == 10
    assert frame.loc["Groupement de femmes de Comé", "links"] == 0
    assert list(network.links_frame().columns) == ["source", "target", "link_type"]
    actors = pd.read_csv(network.export_csv(tmp_path / "acteurs.csv"), encoding="utf-8-sig")
    links = pd.read_csv(network.export_links_csv(tmp_path / "liens.csv"), encoding="utf-8-sig")
    assert "Mairie de Houéyogbé" in set(actors["name"]) and "Préfet du Mono" in set(links["source"])
    assert network.export_png(tmp_path / "carte.png").read_bytes().startswith(PNG)


def test_export_buttons_write_with_the_answers_never_beside_the_notebook_and_offer_links(in_tmp_path):
    network = influence_map(in_tmp_path / "answers")
    network._export_png_button.click()
    network._export_csv_button.click()
    exports = in_tmp_path / "answers" / "exports"
    assert sorted(path.name for path in exports.iterdir()) == [f"{KEY}.actors.csv", f"{KEY}.links.csv",
                                                               f"{KEY}.png"]
    assert (exports / f"{KEY}.png").read_bytes().startswith(PNG)
    links = network.export_links.value
    assert f"download='{KEY}.actors.csv'" in links and f"download='{KEY}.links.csv'" in links
    assert "data:text/csv;charset=utf-8;base64," in links
    assert sorted(path.name for path in in_tmp_path.iterdir()) == ["answers"], "nothing beside the notebook"


def test_the_layout_is_seeded_so_the_same_map_is_drawn_the_same_way():
    names = [actor["name"] for actor in case_actors("burkina_gold")]
    assert map_layout(names, case_links("burkina_gold")) == map_layout(names, case_links("burkina_gold"))


def test_switching_language_relabels_link_types_summary_and_problems(tmp_path):
    network = influence_map(tmp_path, case="benin_sand")
    with pytest.raises(StakeholderError):
        network.add_link("Préfet du Mono", "Nobody", "money")
    i18n.set_language("fr")
    assert ("argent", "money") in network._link_type.options
    assert "Les plus connectés : Chefs de carrière (10 liens)" in html.unescape(network._summary_html.value)
    assert "qui n'est pas sur la carte" in problem(network, "link")
    assert any("(autorité)" in label for label, _ in network._link_choice.options)


def test_maps_leave_nothing_open_in_pyplot(tmp_path):
    open_before = plt.get_fignums()
    influence_map(tmp_path)
    assert plt.get_fignums() == open_before
