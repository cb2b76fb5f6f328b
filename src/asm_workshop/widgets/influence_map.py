"""The influence map (Net-Map): actors with influence towers and typed, directed links.

    from asm_workshop.widgets.influence_map import InfluenceMap
    InfluenceMap("day2.influence_map", case="burkina_gold")

Who is most connected, who stands between others and who is alone come from
``asm_workshop.stakeholders.influence_summary`` (networkx); this widget collects actors and
links, draws the map and saves the answer: ``{"actors": [{"name", "influence"}], "links":
[{"source", "target", "link_type"}]}``.
"""

from __future__ import annotations

import html
import math
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import ipywidgets as widgets
import networkx as nx
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrowPatch, Rectangle

from asm_workshop.cases import check_case
from asm_workshop.i18n import format_number, get_language, t
from asm_workshop.stakeholders import (
    LINK_TYPES,
    SCALE,
    InfluenceSummary,
    StakeholderError,
    case_actors,
    case_links,
    check_influence,
    check_link,
    check_name,
    influence_summary,
    link_problems,
    link_type_label,
)
from asm_workshop.tables import shown_entries
from asm_workshop.text import name_key, shortened
from asm_workshop.widgets._grid_drawing import figure_png
from asm_workshop.widgets.base import Notice, message_html
from asm_workshop.widgets.stakeholder_widget import StakeholderWidget

LINK_COLOURS = {"money": "#e69f00", "command": "#0072b2", "support": "#009e73", "conflict": "#d55e00"}
"""One colour per link type (colour-blind safe), as Net-Map uses one felt pen per type."""

LAYOUT_SEED = 20200310
"""Seed of the network layout, so that the same map is always drawn the same way."""

_DEFAULT_INFLUENCE = 5
_TOWER_DISC = 0.02  # height of one disc of an influence tower, in layout units (10 discs: a tenth)
_ALONE_ROW = -1.3
_LABEL_BOX = {"boxstyle": "round,pad=0.15", "facecolor": "white", "alpha": 0.75, "edgecolor": "none"}
_PNG_EXPORT_DPI = 150


def map_layout(actors: list[str], links: list[dict[str, str]]) -> dict[str, tuple[float, float]]:
    """Return a position for each actor: linked actors in a seeded spring layout within -1..1,
    actors with no link in a row underneath, where they stand out."""
    graph = nx.Graph()
    graph.add_nodes_from(actors)
    graph.add_edges_from((link["source"], link["target"]) for link in links)
    linked = [name for name in actors if graph.degree(name) > 0]
    alone = [name for name in actors if graph.degree(name) == 0]
    positions: dict[str, tuple[float, float]] = {}
    if linked:
        layout = nx.spring_layout(graph.subgraph(linked), seed=LAYOUT_SEED, k=2.2 / math.sqrt(len(linked)),
                                  iterations=100)
        positions.update({name: (float(x), float(y)) for name, (x, y) in layout.items()})
    for number, name in enumerate(alone):
        positions[name] = (-1 + 2 * (number + 0.5) / len(alone), _ALONE_ROW if linked else 0.0)
    return positions


def draw_influence_map(figure: Figure, actors: list[dict[str, Any]], links: list[dict[str, str]],
                       summary: InfluenceSummary) -> None:
    """Draw the map into ``figure``: arrows coloured by type, a tower beside each actor."""
    figure.clear()
    axes = figure.add_axes((0.01, 0.01, 0.98, 0.86))
    axes.set_axis_off()
    figure.suptitle(t("influence_map.chart_title"), fontsize=11)
    names = [actor["name"] for actor in actors]
    if not names:
        axes.text(0.5, 0.5, t("influence_map.empty"), ha="center", va="center", fontsize=11,
                  transform=axes.transAxes)
        return
    positions = map_layout(names, links)
    lowest = min(y for _, y in positions.values())
    axes.set_xlim(-1.3, 1.4)
    axes.set_ylim(min(lowest, -1.0) - 0.2, 1.35)
    pairs: dict[frozenset, int] = {}
    for link in links:
        pair = frozenset((link["source"], link["target"]))
        order = pairs.get(pair, 0)
        pairs[pair] = order + 1
        axes.add_patch(FancyArrowPatch(
            positions[link["source"]], positions[link["target"]], arrowstyle="-|>", mutation_scale=13,
            connectionstyle=f"arc3,rad={0.1 + 0.12 * order}", color=LINK_COLOURS[link["link_type"]],
            linewidth=1.6, shrinkA=9, shrinkB=9, zorder=2, alpha=0.9))
    hubs = set(summary.most_connected)
    for actor in actors:
        x, y = positions[actor["name"]]
        isolated = actor["name"] in summary.isolated
        axes.scatter([x], [y], s=170 if actor["name"] in hubs else 110, zorder=3,
                     color="#ffffff" if isolated else "#455a64", edgecolors="#263238", linewidths=1.2)
        height = float(actor.get("influence") or 0)
        axes.add_patch(Rectangle((x + 0.045, y - 0.02), 0.03, height * _TOWER_DISC, facecolor="#8d6e63",
                                 edgecolor="#4e342e", linewidth=0.6, zorder=3))
        tower = format_number(height, 2, trim=True, grouping=False)  # "6,5" in French
        axes.text(x + 0.06, y - 0.02 + height * _TOWER_DISC, tower, ha="center", va="bottom",
                  fontsize=7, color="#4e342e", zorder=4)
        axes.text(x, y - 0.06, shortened(actor["name"], 22), ha="center", va="top", fontsize=7.5,
                  zorder=4, parse_math=False,
                  bbox=_LABEL_BOX)
    handles = [Line2D([], [], color=LINK_COLOURS[kind], linewidth=2, label=link_type_label(kind))
               for kind in LINK_TYPES]
    axes.legend(handles=handles, loc="upper left", fontsize=8, ncol=4, frameon=True, framealpha=0.9,
                title=t("influence_map.legend_title"), title_fontsize=8)


class InfluenceMap(StakeholderWidget):
    """A Net-Map influence map: actors with influence towers (0-10) and directed links.

    ``case`` ("burkina_gold" or "benin_sand") starts from that case's actors and links; None
    starts from an empty map. Add and remove actors and links; set tower heights; the map
    names the most connected actors, the go-betweens and the isolated ones. Saved under ``key``.
    """

    def __init__(self, key: str, *, case: str | None = "burkina_gold",
                 folder: str | os.PathLike[str] | None = None) -> None:
        self.case = None if case is None else check_case(case)
        self._actors: list[dict[str, Any]] = shown_entries(case_actors(case), "name") if case else []
        self._links: list[dict[str, str]] = (
            shown_entries(case_links(case), "source", "target") if case else [])
        self._selected: str | None = self._actors[0]["name"] if self._actors else None
        self._errors: dict[str, StakeholderError | None] = {}
        self._drawn: tuple | None = None
        self.figure = Figure(figsize=(8.0, 6.6), dpi=80)
        FigureCanvasAgg(self.figure)
        super().__init__(key, folder=folder)

    # --- fields -------------------------------------------------------------------------
    def build(self) -> list[widgets.Widget]:
        wide = {"description_width": "9em"}
        self._title = widgets.HTML()
        self._hint = widgets.HTML()
        self._new_actor = widgets.Text(style=wide, layout={"width": "26em"})
        self._add_actor_button = widgets.Button(button_style="primary", icon="plus")
        self._actor = widgets.Dropdown(options=[], style=wide, layout={"width": "26em"})
        self._influence = widgets.IntSlider(min=SCALE[0], max=SCALE[1], step=1, continuous_update=False,
                                            style=wide, layout={"width": "26em"})
        self._remove_actor_button = widgets.Button(button_style="warning", icon="trash")
        self._source = widgets.Dropdown(options=[], style=wide, layout={"width": "22em"})
        self._link_type = widgets.Dropdown(options=[], layout={"width": "9em"})
        self._target = widgets.Dropdown(options=[], style={"description_width": "3em"},
                                        layout={"width": "17em"})
        self._add_link_button = widgets.Button(button_style="primary", icon="arrow-right")
        self._link_choice = widgets.Dropdown(options=[], style=wide, layout={"width": "36em"})
        self._remove_link_button = widgets.Button(button_style="warning", icon="trash")
        self._export_png_button = widgets.Button(icon="image")
        self._export_csv_button = widgets.Button(icon="table")
        self._notice = Notice()
        export_links = self.export_links_box()
        self._image = widgets.Image(format="png", layout={"width": "100%", "max_width": "680px"})
        self._summary_html = widgets.HTML()

        # Classes give the browser tests and notebook styles stable handles on the fields.
        for widget, name in ((self._new_actor, "new-actor"), (self._add_actor_button, "add-actor"),
                             (self._actor, "actor"), (self._influence, "influence"), (self._source, "source"),
                             (self._link_type, "link-type"), (self._target, "target"),
                             (self._add_link_button, "add-link"), (self._image, "chart"),
                             (self._summary_html, "summary")):
            widget.add_class(f"asm-map-{name}")
        self._add_actor_button.on_click(
            lambda _: self._run_from_button(self.add_actor, self._new_actor.value))
        self._remove_actor_button.on_click(
            lambda _: self._run_from_button(self.remove_actor, self._selected or ""))
        self._add_link_button.on_click(lambda _: self._run_from_button(
            self.add_link, self._source.value, self._target.value, self._link_type.value))
        self._remove_link_button.on_click(lambda _: self._run_from_button(self._remove_chosen_link))
        self._export_png_button.on_click(
            lambda _: self._run_from_button(self._export_clicked, self.export_png))
        self._export_csv_button.on_click(lambda _: self._run_from_button(
            self._export_clicked, self.export_csv, self.export_links_csv))
        self._actor.observe(self._on_actor, "value")
        self._influence.observe(self._on_influence, "value")
        self.relabel()
        return [
            self._title, self._hint,
            self.field("new_actor", widgets.HBox([self._new_actor, self._add_actor_button])),
            self.field("actor", widgets.HBox([self._actor, self._remove_actor_button])),
            self.field("influence", self._influence),
            self.field("link", widgets.HBox([self._source, self._link_type, self._target,
                                             self._add_link_button])),
            self.field("remove_link", widgets.HBox([self._link_choice, self._remove_link_button])),
            self.field("export", widgets.HBox([self._export_png_button, self._export_csv_button])),
            export_links, self._notice, self._image, self._summary_html,
        ]

    def relabel(self) -> None:
        self._title.value = f"<b>{html.escape(t('influence_map.title'))}</b>"
        self._hint.value = message_html(t("influence_map.hint"))
        self._new_actor.description = t("influence_map.new_actor")
        self._new_actor.placeholder = t("influence_map.new_actor_placeholder")
        self._add_actor_button.description = t("influence_map.add_actor")
        self._actor.description = t("influence_map.actor")
        self._influence.description = t("stakeholders.field.influence")
        self._remove_actor_button.description = t("influence_map.remove_actor")
        self._source.description = t("influence_map.link_from")
        self._target.description = t("influence_map.link_to")
        self._add_link_button.description = t("influence_map.add_link")
        self._link_choice.description = t("influence_map.links")
        self._remove_link_button.description = t("influence_map.remove_link")
        self._export_png_button.description = t("influence_map.export_png")
        self._export_csv_button.description = t("influence_map.export_csv")
        with self.syncing_fields():
            kind = self._link_type.value
            self._link_type.options = [(link_type_label(k), k) for k in LINK_TYPES]
            self._link_type.value = kind if kind in LINK_TYPES else LINK_TYPES[0]
            self._link_choice.options = self._link_options()
        for name, error in self._errors.items():
            self.show_problem(name, error.message if error else None)
        self._notice.relabel()
        self.relabel_export_links()

    # --- the answer ---------------------------------------------------------------------
    @property
    def value(self) -> dict[str, list[dict[str, Any]]]:
        """{"actors": [{"name", "influence"}], "links": [{"source", "target", "link_type"}]}."""
        return {"actors": [dict(actor) for actor in self._actors],
                "links": [dict(link) for link in self._links]}

    @property
    def names(self) -> list[str]:
        """The actors' names, in order."""
        return [actor["name"] for actor in self._actors]

    @property
    def summary(self) -> InfluenceSummary:
        """Who is most connected, who stands between others and who is alone."""
        return influence_summary(self._actors, self._links)

    def to_frame(self) -> pd.DataFrame:
        """Return one row per actor: influence tower, number of links, betweenness (0-1)."""
        summary = self.summary
        return pd.DataFrame(
            [{"name": actor["name"], "influence": actor["influence"], "links": summary.links[actor["name"]],
              "betweenness": round(summary.betweenness[actor["name"]], 3)} for actor in self._actors],
            columns=["name", "influence", "links", "betweenness"])

    def links_frame(self) -> pd.DataFrame:
        """Return one row per link: source, target, link_type."""
        return pd.DataFrame(self._links, columns=["source", "target", "link_type"])

    def check_saved(self, value: Any) -> str | None:
        if not isinstance(value, dict) or not isinstance(value.get("actors"), list) \
                or not isinstance(value.get("links"), list):
            return "expected {\"actors\": [...], \"links\": [...]}"
        seen: list[str] = []
        for position, actor in enumerate(value["actors"], start=1):
            try:
                if not isinstance(actor, dict):
                    raise StakeholderError("name", "stakeholders.entry_not_a_record")
                seen.append(check_name(actor.get("name"), seen))
                check_influence(actor.get("influence"))
            except StakeholderError as error:
                return f"actor {position}: {error.message}"
        problems = link_problems(seen, value["links"])
        if problems:
            position, error = problems[0]
            return f"link {position}: {error.message}"
        return None

    def restore(self, value: dict[str, Any]) -> None:
        self._actors = [{"name": actor["name"].strip(), "influence": check_influence(actor["influence"])}
                        for actor in value["actors"]]
        accepted: list[dict[str, str]] = []
        for link in value["links"]:
            accepted.append(check_link(link["source"], link["target"], link["link_type"], self.names,
                                       accepted))
        self._links = accepted
        self._selected = self._actors[0]["name"] if self._actors else None

    # --- what a participant does ---------------------------------------------------------
    def add_actor(self, name: str, influence: float = _DEFAULT_INFLUENCE) -> dict[str, Any]:
        """Add an actor with its influence tower (0-10) and select it; return it."""
        actor = self._attempt("new_actor", lambda: {"name": check_name(name, self.names),
                                                    "influence": check_influence(influence)})
        self._actors.append(actor)
        self._selected = actor["name"]
        self._new_actor.value = ""
        self._notice.show(None)
        self.answer_changed()
        return dict(actor)

    def remove_actor(self, name: str) -> None:
        """Remove an actor and the links it has."""
        actor = self._attempt("actor", lambda: self._find(name))
        position = self._actors.index(actor)
        self._actors.remove(actor)
        gone = [link for link in self._links if actor["name"] in (link["source"], link["target"])]
        self._links = [link for link in self._links if link not in gone]
        remaining = self._actors
        self._selected = remaining[min(position, len(remaining) - 1)]["name"] if remaining else None
        removed, count = actor["name"], len(gone)
        self._notice.show(lambda: t("influence_map.actor_removed", name=removed, count=count))
        self.answer_changed()

    def select(self, name: str) -> None:
        """Select an actor, so that the tower slider edits it."""
        self._selected = self._attempt("actor", lambda: self._find(name))["name"]
        self.refresh()

    def set_influence(self, name: str, influence: float) -> None:
        """Set the height of an actor's influence tower (0-10)."""
        actor = self._attempt("actor", lambda: self._find(name))
        actor["influence"] = self._attempt("influence", lambda: check_influence(influence))
        self.answer_changed()

    def add_link(self, source: str | None, target: str | None, link_type: str) -> dict[str, str]:
        """Add a link from ``source`` to ``target`` of type money, command, support or conflict."""
        link = self._attempt("link", lambda: check_link(source, target, link_type, self.names, self._links))
        self._links.append(link)
        self._notice.show(None)
        self.answer_changed()
        return dict(link)

    def remove_link(self, source: str, target: str, link_type: str) -> None:
        """Remove the link from ``source`` to ``target`` of that type."""
        wanted = (name_key(source or ""), name_key(target or ""), link_type)

        def find() -> dict[str, str]:
            for link in self._links:
                if (name_key(link["source"]), name_key(link["target"]), link["link_type"]) == wanted:
                    return link
            raise StakeholderError("link", "influence_map.link_unknown", source=source, target=target)

        self._links.remove(self._attempt("remove_link", find))
        self.answer_changed()

    def export_png(self, path: str | os.PathLike[str] | None = None) -> Path:
        """Write the map as a PNG image to ``path`` (default: ``<key>.png`` in the participant's
        exports folder, see ``export_path``); return the path."""
        path = self._export_to(path, ".png")
        self._redraw()
        content = figure_png(self.figure, _PNG_EXPORT_DPI)
        return self._attempt("export", lambda: self._write(path, content))

    def export_csv(self, path: str | os.PathLike[str] | None = None) -> Path:
        """Write the actors (influence, links, betweenness) as CSV (UTF-8 with BOM) to ``path``
        (default: ``<key>.actors.csv`` in the participant's exports folder); return the path."""
        path = self._export_to(path, ".actors.csv")
        content = self.to_frame().to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")
        return self._attempt("export", lambda: self._write(path, content))

    def export_links_csv(self, path: str | os.PathLike[str] | None = None) -> Path:
        """Write the links (source, target, link_type) as CSV (UTF-8 with BOM) to ``path``
        (default: ``<key>.links.csv`` in the participant's exports folder); return the path."""
        path = self._export_to(path, ".links.csv")
        content = self.links_frame().to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")
        return self._attempt("export", lambda: self._write(path, content))

    # --- drawing --------------------------------------------------------------------------
    def refresh(self) -> None:
        names = self.names
        with self.syncing_fields():
            for choice in (self._actor, self._source, self._target):
                if tuple(choice.options) != tuple(names):
                    kept = choice.value
                    choice.options = names
                    # Offer two different actors as the ends of a new link.
                    fallback = 1 if choice is self._target and len(names) > 1 else 0
                    choice.value = kept if kept in names else (names[fallback] if names else None)
            self._actor.value = self._selected if self._selected in names else None
            actor = next((a for a in self._actors if a["name"] == self._selected), None)
            for editor in (self._influence, self._remove_actor_button):
                editor.disabled = actor is None
            if actor is not None:
                self._influence.value = int(round(actor["influence"]))
            options = self._link_options()
            if tuple(self._link_choice.options) != tuple(options):
                self._link_choice.options = options
            self._remove_link_button.disabled = not self._links
        self._redraw()

    def _redraw(self) -> None:
        state = (tuple((a["name"], a["influence"]) for a in self._actors),
                 tuple((k["source"], k["target"], k["link_type"]) for k in self._links), get_language())
        if state == self._drawn:
            return
        summary = self.summary
        draw_influence_map(self.figure, self._actors, self._links, summary)
        self._image.value = figure_png(self.figure)
        self._summary_html.value = self._summary_text(summary)
        self._drawn = state

    def _summary_text(self, summary: InfluenceSummary) -> str:
        none = t("influence_map.none")

        def listed(names: list[str], detail: Callable[[str], str] | None = None) -> str:
            if not names:
                return none
            return ", ".join(html.escape(name) + (f" ({detail(name)})" if detail else "") for name in names)

        lines = [
            t("influence_map.most_connected", names=listed(
                summary.most_connected,
                lambda name: t("influence_map.link_count", count=summary.links[name]))),
            t("influence_map.go_betweens", names=listed(
                summary.go_betweens, lambda name: f"{summary.betweenness[name]:.2f}")),
            t("influence_map.isolated", names=listed(summary.isolated)),
        ]
        return "<ul class='asm-influence-summary'>" + "".join(f"<li>{line}</li>" for line in lines) + "</ul>"

    def _link_options(self) -> list[tuple[str, int]]:
        return [(f"{link['source']} → {link['target']} ({link_type_label(link['link_type'])})", position)
                for position, link in enumerate(self._links)]

    # --- helpers ----------------------------------------------------------------------------
    def _find(self, name: str) -> dict[str, Any]:
        key = name_key(name or "")
        for actor in self._actors:
            if name_key(actor["name"]) == key:
                return actor
        raise StakeholderError("name", "stakeholders.name_unknown", name=name)

    def _export_to(self, path: str | os.PathLike[str] | None, suffix: str) -> Path:
        return Path(path) if path is not None else self._attempt("export", lambda: self.export_path(suffix))

    def _remove_chosen_link(self) -> None:
        position = self._link_choice.value
        if position is None or position >= len(self._links):
            return
        link = self._links[position]
        self.remove_link(link["source"], link["target"], link["link_type"])

    def _attempt(self, field: str, action: Callable[[], Any]) -> Any:
        """Run ``action``; show its problem next to ``field`` and raise it again."""
        try:
            result = action()
        except StakeholderError as error:
            shown_at = "influence" if error.field == "influence" else field
            self._errors[shown_at] = error
            self.show_problem(shown_at, error.message)
            raise
        self._errors[field] = None
        self.show_problem(field, None)
        return result

    def _on_actor(self, change: dict) -> None:
        if self.syncing or change["new"] is None:
            return
        self._selected = change["new"]
        self.refresh()

    def _on_influence(self, change: dict) -> None:
        if self.syncing or self._selected is None:
            return
        self._run_from_button(self.set_influence, self._selected, change["new"])


__all__ = ["LAYOUT_SEED", "LINK_COLOURS", "InfluenceMap", "draw_influence_map", "map_layout"]
