"""Stakeholder mapping: Mendelow's power/interest grid and Net-Map influence maps.

The grid (Mendelow 1981) places each stakeholder by its power over an outcome and its
interest in it, both scored 0 to 10 here. A score of 5 or more counts as high
(``THRESHOLD``): 5 sits on the high side. Each quadrant has its engagement strategy:

    high power, high interest -> manage closely      high power, low interest -> keep satisfied
    low power, high interest  -> keep informed       low power, low interest  -> monitor

The influence map follows Eva Schiffer's Net-Map: actors with influence towers (0 to 10
discs) and directed links of four types (money, command, support, conflict). Who is most
connected, who stands between others and who is left alone are computed with networkx.

Sources: https://learn1.open.ac.uk/mod/oublog/viewpost.php?post=227303 (the grid),
https://evaschiffer.com/net-map and https://netmap.wordpress.com/category/technical-details/ (Net-Map).

A grid answer is a plain list of ``{"name", "power", "interest", "stance"}`` dicts; graded
exercises compare ``quadrant(power, interest)`` of each case stakeholder.
"""

from __future__ import annotations

import csv
import functools
import os
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import networkx as nx
import pandas as pd

from asm_workshop import data
from asm_workshop.cases import check_case
from asm_workshop.errors import NumberError, WorkshopError
from asm_workshop.i18n import format_number, parse_number, t
from asm_workshop.text import is_blank, is_missing, is_number, name_key, plain_number

SCALE = (0, 10)
"""Power, interest and influence towers are scored on this scale, both ends included."""

THRESHOLD = 5
"""A power or interest of ``THRESHOLD`` or more counts as high."""

QUADRANTS = (
    "high_power_high_interest",
    "high_power_low_interest",
    "low_power_high_interest",
    "low_power_low_interest",
)
"""The four quadrants of the grid, by id."""

STRATEGIES = {
    "high_power_high_interest": "manage_closely",
    "high_power_low_interest": "keep_satisfied",
    "low_power_high_interest": "keep_informed",
    "low_power_low_interest": "monitor",
}
"""The engagement strategy of each quadrant (Mendelow's grid)."""

STANCES = ("supportive", "neutral", "opposed")
"""A stakeholder's disposition towards the plan."""

LINK_TYPES = ("money", "command", "support", "conflict")
"""Net-Map link types: source pays, commands, supports, or works against target."""

GRID_FIELDS = ("name", "power", "interest", "stance")
"""The keys of one stakeholder in a grid answer, in order."""

# Column names a participant's spreadsheet may use, after ``_column_key`` (lower case, no
# accents, underscores): the English ids, the dataset's own names and plain French.
_COLUMN_ALIASES = {
    "name": ("name", "nom", "stakeholder", "partie_prenante", "acteur", "actor"),
    "power": ("power", "pouvoir"),
    "interest": ("interest", "interet"),
    "stance": ("stance", "position", "attitude", "disposition"),
}
# Columns the widgets' own exports add, which are worked out again on reload.
_DERIVED_COLUMNS = ("quadrant", "strategy", "strategie")
_STANCE_ALIASES = {
    "supportive": "supportive", "support": "supportive", "favorable": "supportive",
    "favourable": "supportive", "pour": "supportive", "+": "supportive",
    "neutral": "neutral", "neutre": "neutral", "0": "neutral",
    "opposed": "opposed", "oppose": "opposed", "opposee": "opposed", "contre": "opposed",
    "against": "opposed", "-": "opposed",
}
_LINK_TYPE_ALIASES = {
    "money": "money", "argent": "money", "command": "command", "autorite": "command",
    "commandement": "command", "support": "support", "soutien": "support",
    "conflict": "conflict", "conflit": "conflict",
}
_MOST_SHOWN = 3


class StakeholderError(WorkshopError):
    """What is wrong with one entry, for the field it concerns, in the participant's language.

    ``field`` names the input ("name", "power", "interest", "stance", "influence", "source",
    "target", "link_type", "file"); the message is rendered again in the current language each
    time it is read, so a message on screen can follow a language switch.
    """


# --- the grid ---------------------------------------------------------------------------------

def quadrant(power: float, interest: float) -> str:
    """Return the id of the grid quadrant for these scores (0-10; 5 or more is high)."""
    power = check_score(power, "power")
    interest = check_score(interest, "interest")
    high_power, high_interest = power >= THRESHOLD, interest >= THRESHOLD
    return f"{'high' if high_power else 'low'}_power_{'high' if high_interest else 'low'}_interest"


def strategy(quadrant_id: str) -> str:
    """Return the id of the engagement strategy for a quadrant id (e.g. "manage_closely")."""
    try:
        return STRATEGIES[quadrant_id]
    except KeyError:
        raise ValueError(f"unknown quadrant {quadrant_id!r}; known: {', '.join(QUADRANTS)}") from None


def strategy_for(power: float, interest: float) -> str:
    """Return the id of the engagement strategy for a stakeholder with these scores."""
    return strategy(quadrant(power, interest))


def quadrant_label(quadrant_id: str) -> str:
    """Return the quadrant's name in the participant's language."""
    return t(f"stakeholders.quadrant.{quadrant_id}")


def strategy_label(strategy_id: str) -> str:
    """Return the strategy's name in the participant's language ("Manage closely"...)."""
    return t(f"stakeholders.strategy.{strategy_id}")


def stance_label(stance: str) -> str:
    """Return the stance's name in the participant's language."""
    return t(f"stakeholders.stance.{stance}")


def link_type_label(link_type: str) -> str:
    """Return the link type's name in the participant's language."""
    return t(f"stakeholders.link.{link_type}")


# --- checking what a participant enters -----------------------------------------------------

def check_name(name: Any, existing: Iterable[str] = (), *, field: str = "name",
               renaming: str | None = None) -> str:
    """Return ``name`` trimmed; raise StakeholderError if it is empty or already in ``existing``.

    ``renaming`` is the name being changed, which may keep its own name (or change its case).
    """
    text = "" if is_missing(name) else str(name).strip()
    if not text:
        raise StakeholderError(field, "stakeholders.name_empty")
    key = name_key(text)
    skip = name_key(renaming) if renaming is not None else None
    for other in existing:
        if name_key(other) == key and name_key(other) != skip:
            raise StakeholderError(field, "stakeholders.name_duplicate", name=text, existing=other)
    return text


def check_score(value: Any, field: str = "power") -> int | float:
    """Return a 0-10 score as a number (int when whole); raise StakeholderError when it is
    missing, not a number or out of range. Text is read by ``i18n.parse_number`` ("6,5" and "6.5"
    are both six and a half)."""
    label = _field_label(field)
    if is_blank(value):
        raise StakeholderError(field, "stakeholders.score_missing", field_label=label,
                               low=SCALE[0], high=SCALE[1])
    number = value
    if isinstance(value, str):
        try:
            number = parse_number(value, field=field)
        except NumberError:
            number = None
    if not is_number(number):
        raise StakeholderError(field, "stakeholders.score_not_number", field_label=label,
                               value=value, low=SCALE[0], high=SCALE[1])
    if not SCALE[0] <= number <= SCALE[1]:
        raise StakeholderError(field, "stakeholders.score_out_of_range", field_label=label,
                               value=functools.partial(format_number, number, 2, trim=True, grouping=False),
                               low=SCALE[0], high=SCALE[1])
    return plain_number(number)


def check_stance(value: Any) -> str:
    """Return the stance id for ``value`` (English or French word, or +, 0, -); raise
    StakeholderError when it is none of them."""
    return _one_of(value, _STANCE_ALIASES, "stance", "stakeholders.stance_unknown",
                   lambda: ", ".join(stance_label(s) for s in STANCES))


def _one_of(value: Any, aliases: Mapping[str, str], field: str, message_key: str,
            known: Callable[[], str]) -> str:
    """Return the id ``value`` names in ``aliases``; raise StakeholderError listing ``known``."""
    text = "" if is_missing(value) else str(value)
    found = aliases.get(name_key(text))
    if found is None:
        raise StakeholderError(field, message_key, value=text.strip(), known=known)
    return found


def check_stakeholder(entry: Mapping[str, Any], existing: Iterable[str] = ()) -> dict[str, Any]:
    """Return one grid entry cleaned ({"name", "power", "interest", "stance"}); raise the first
    StakeholderError found. A missing stance is neutral."""
    return {
        "name": check_name(entry.get("name"), existing),
        "power": check_score(entry.get("power"), "power"),
        "interest": check_score(entry.get("interest"), "interest"),
        "stance": _stance_or_neutral(entry.get("stance")),
    }


def _stance_or_neutral(value: Any) -> str:
    if is_blank(value):
        return "neutral"
    return check_stance(value)


def stakeholder_problems(entries: Iterable[Mapping[str, Any]]) -> list[tuple[int, StakeholderError]]:
    """Return every problem in a list of grid entries, each with its position (1 = first)."""
    problems = []
    seen: list[str] = []
    for position, entry in enumerate(entries, start=1):
        if not isinstance(entry, Mapping):
            problems.append((position, StakeholderError("name", "stakeholders.entry_not_a_record")))
            continue
        checks = ((check_name, entry.get("name"), seen), (check_score, entry.get("power"), "power"),
                  (check_score, entry.get("interest"), "interest"),
                  (_stance_or_neutral, entry.get("stance")))
        for check, *arguments in checks:
            try:
                check(*arguments)
            except StakeholderError as error:
                problems.append((position, error))
        if isinstance(entry.get("name"), str) and entry["name"].strip():
            seen.append(entry["name"].strip())
    return problems


def clean_stakeholders(entries: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Return the entries cleaned (see ``check_stakeholder``); raise the first problem found."""
    cleaned: list[dict[str, Any]] = []
    for entry in entries:
        cleaned.append(check_stakeholder(entry, [other["name"] for other in cleaned]))
    return cleaned


# --- the case studies -------------------------------------------------------------------------

def case_stakeholders(case: str) -> list[dict[str, Any]]:
    """Return the case's stakeholders as grid entries, from the ``stakeholders`` dataset."""
    table = data.load("stakeholders")
    rows = table[table["case"] == check_case(case)]
    return [{"name": row.stakeholder, "power": int(row.power), "interest": int(row.interest),
             "stance": row.stance} for row in rows.itertuples()]


def case_actors(case: str) -> list[dict[str, Any]]:
    """Return the case's actors with their influence towers ({"name", "influence"}, 0-10)."""
    table = data.load("stakeholders")
    rows = table[table["case"] == check_case(case)]
    return [{"name": row.stakeholder, "influence": int(row.influence)} for row in rows.itertuples()]


def case_links(case: str) -> list[dict[str, str]]:
    """Return the case's links ({"source", "target", "link_type"}), from ``stakeholder_links``."""
    table = data.load("stakeholder_links")
    rows = table[table["case"] == check_case(case)]
    return [{"source": row.source, "target": row.target, "link_type": row.link_type}
            for row in rows.itertuples()]


# --- tables and CSV files -----------------------------------------------------------------------

def stakeholder_table(entries: Iterable[Mapping[str, Any]]) -> pd.DataFrame:
    """Return the entries as a table with each one's quadrant and strategy ids."""
    rows = [
        {"name": entry["name"], "power": entry["power"], "interest": entry["interest"],
         "stance": entry["stance"], "quadrant": quadrant(entry["power"], entry["interest"]),
         "strategy": strategy_for(entry["power"], entry["interest"])}
        for entry in entries
    ]
    return pd.DataFrame(rows, columns=[*GRID_FIELDS, "quadrant", "strategy"])


def write_stakeholders_csv(entries: Iterable[Mapping[str, Any]], path: str | os.PathLike[str], *,
                           french: bool) -> Path:
    """Write the grid as a CSV file a spreadsheet opens with its accents; return the path.

    French: ";" between columns, decimal commas, French headers and words (what French Excel
    expects). English: "," and decimal points. Both in UTF-8 with a byte order mark, which Excel
    needs to show accents; ``read_stakeholders_csv`` reads either back.
    """
    table = stakeholder_table(entries)
    if french:
        headers = {"name": "nom", "power": "pouvoir", "interest": "intérêt", "stance": "position",
                   "quadrant": "quadrant", "strategy": "stratégie"}
        words = {**{s: _french(f"stakeholders.stance.{s}") for s in STANCES},
                 **{q: _french(f"stakeholders.quadrant.{q}") for q in QUADRANTS},
                 **{s: _french(f"stakeholders.strategy.{s}") for s in STRATEGIES.values()}}
        for column in ("stance", "quadrant", "strategy"):
            table[column] = table[column].map(words)
        for column in ("power", "interest"):
            table[column] = table[column].map(
                lambda number: format_number(number, 6, trim=True, grouping=False, language="fr"))
        table = table.rename(columns=headers)
    path = Path(path)
    text = table.to_csv(index=False, sep=";" if french else ",", lineterminator="\r\n",
                        quoting=csv.QUOTE_MINIMAL)
    path.write_bytes(text.encode("utf-8-sig"))
    return path


@dataclass
class StakeholderFile:
    """What ``read_stakeholders_csv`` found: the entries, and notes for the participant."""

    stakeholders: list[dict[str, Any]]
    ignored_columns: list[str] = field(default_factory=list)
    stance_missing: bool = False
    other_case_rows: int = 0
    read_as: dict[str, Any] = field(default_factory=dict)

    def notes(self) -> list[str]:
        """Return what the participant should know about how the file was read."""
        found = []
        if self.ignored_columns:
            found.append(t("stakeholders.csv_columns_ignored", names=", ".join(self.ignored_columns)))
        if self.stance_missing:
            found.append(t("stakeholders.csv_no_stance"))
        if self.other_case_rows:
            found.append(t("stakeholders.csv_other_case_rows", count=self.other_case_rows))
        return found


def read_stakeholders_csv(source: str | os.PathLike | IO | bytes, *,
                          case: str | None = None) -> StakeholderFile:
    """Return the stakeholders in a participant's CSV file (a path, an open file or its bytes).

    Reads French spreadsheet exports through ``asm_workshop.data.read_csv`` (semicolons,
    decimal commas, byte order mark, Latin-1 or Windows accents). Needs a name, a power and an
    interest column (English or French headers: name/nom, power/pouvoir, interest/intérêt);
    stance/position is optional (missing means neutral). Other columns are listed as ignored.
    When the file has a ``case`` column and ``case`` is given, only that case's rows are read.
    Raises StakeholderError (field "file") saying what is wrong, line by line, when anything is.
    """
    try:
        frame = data.read_csv(source)
    except data.DataError as error:
        raise StakeholderError("file", "stakeholders.csv_unreadable", problem=error) from None
    columns: dict[str, str] = {}
    for wanted, aliases in _COLUMN_ALIASES.items():
        matching = [column for column in frame.columns if _column_key(column) in aliases]
        if len(matching) > 1:
            raise StakeholderError("file", "stakeholders.csv_column_twice",
                                   names=", ".join(f'"{name}"' for name in matching))
        if matching:
            columns[wanted] = matching[0]
    missing = [wanted for wanted in ("name", "power", "interest") if wanted not in columns]
    if missing:
        raise StakeholderError("file", "stakeholders.csv_columns_missing",
                               missing=lambda: ", ".join(t(f"stakeholders.column.{m}") for m in missing),
                               found=", ".join(f'"{name}"' for name in frame.columns))
    other_case_rows = 0
    case_column = next((column for column in frame.columns if _column_key(column) == "case"), None)
    if case is not None and case_column is not None:
        keep = frame[case_column] == check_case(case)
        other_case_rows = int((~keep).sum())
        frame = frame[keep]
    used = set(columns.values()) | {case_column}
    ignored = [column for column in frame.columns
               if column not in used and _column_key(column) not in _DERIVED_COLUMNS]
    if frame.empty:
        raise StakeholderError("file", "stakeholders.csv_no_rows")
    entries = []
    problems = []
    for line, row in zip(range(2, len(frame) + 2), frame.to_dict("records"), strict=True):
        entry = {wanted: row[column] for wanted, column in columns.items()}
        try:
            entries.append(check_stakeholder(entry, [other["name"] for other in entries]))
        except StakeholderError as error:
            problems.append(StakeholderError("file", "stakeholders.csv_line", line=line, problem=error))
    if problems:
        shown = problems[:5]
        if len(problems) > len(shown):
            shown.append(StakeholderError("file", "stakeholders.csv_more_lines", count=len(problems) - 5))
        raise StakeholderError("file", "stakeholders.csv_rows_invalid", count=len(problems), problems=shown)
    return StakeholderFile(entries, ignored, "stance" not in columns, other_case_rows,
                           dict(frame.attrs.get("read_as", {})))


# --- the influence map --------------------------------------------------------------------------

def check_influence(value: Any) -> int | float:
    """Return an influence tower height (0-10); raise StakeholderError otherwise."""
    return check_score(value, "influence")


def check_link_type(value: Any) -> str:
    """Return the link type id for ``value`` (English or French); raise StakeholderError otherwise."""
    return _one_of(value, _LINK_TYPE_ALIASES, "link_type", "stakeholders.link_type_unknown",
                   lambda: ", ".join(link_type_label(kind) for kind in LINK_TYPES))


def check_link(source: Any, target: Any, link_type: Any, actors: Iterable[Any],
               links: Iterable[Mapping[str, Any]] = ()) -> dict[str, str]:
    """Return the link {"source", "target", "link_type"} with the actors' names as on the map.

    Raises StakeholderError when an end is not an actor of ``actors``, when the type is
    unknown, when the link joins an actor to itself, or when ``links`` already has it.
    """
    names = {name_key(name): name for name in _actor_names(actors)}
    ends = {}
    for end, value in (("source", source), ("target", target)):
        text = "" if is_missing(value) else str(value).strip()
        if not text:
            raise StakeholderError(end, f"stakeholders.link_{end}_empty")
        if name_key(text) not in names:
            raise StakeholderError(end, f"stakeholders.link_{end}_unknown", name=text)
        ends[end] = names[name_key(text)]
    if name_key(ends["source"]) == name_key(ends["target"]):
        raise StakeholderError("target", "stakeholders.link_to_itself", name=ends["source"])
    link = {"source": ends["source"], "target": ends["target"], "link_type": check_link_type(link_type)}
    for other in links:
        if (name_key(other["source"]), name_key(other["target"]), other["link_type"]) == (
                name_key(link["source"]), name_key(link["target"]), link["link_type"]):
            raise StakeholderError("link_type", "stakeholders.link_duplicate", source=link["source"],
                                   target=link["target"],
                                   link_type=functools.partial(link_type_label, link["link_type"]))
    return link


def link_problems(actors: Iterable[Any],
                  links: Iterable[Mapping[str, Any]]) -> list[tuple[int, StakeholderError]]:
    """Return every problem in a list of links, each with its position (1 = first)."""
    actors = list(actors)
    problems = []
    accepted: list[dict[str, str]] = []
    for position, link in enumerate(links, start=1):
        try:
            if not isinstance(link, Mapping):
                raise StakeholderError("source", "stakeholders.entry_not_a_record")
            accepted.append(check_link(link.get("source"), link.get("target"), link.get("link_type"),
                                       actors, accepted))
        except StakeholderError as error:
            problems.append((position, error))
    return problems


def influence_graph(actors: Iterable[Any], links: Iterable[Mapping[str, Any]]) -> nx.MultiDiGraph:
    """Return the map as a directed multigraph: one node per actor (with its ``influence`` when
    given), one edge per link (with its ``link_type``). Raises StakeholderError on a bad link."""
    actors = _actor_records(actors)
    graph = nx.MultiDiGraph()
    for actor in actors:
        graph.add_node(actor["name"], influence=actor.get("influence"))
    accepted: list[dict[str, str]] = []
    for link in _link_records(links):
        link = check_link(link.get("source"), link.get("target"), link.get("link_type"),
                          [actor["name"] for actor in actors], accepted)
        accepted.append(link)
        graph.add_edge(link["source"], link["target"], link_type=link["link_type"])
    return graph


@dataclass(frozen=True)
class InfluenceSummary:
    """How the actors of an influence map are connected.

    ``links``: each actor's number of links, in and out; ``betweenness``: the share of shortest
    paths between two other actors that pass through it (0-1, links taken both ways);
    ``most_connected``, ``go_betweens``: the actors with the most links and the highest
    betweenness (the top three, ties kept); ``isolated``: actors with no link at all.
    """

    links: dict[str, int]
    betweenness: dict[str, float]
    most_connected: list[str]
    go_betweens: list[str]
    isolated: list[str]


def influence_summary(stakeholders: Iterable[Any], links: Iterable[Mapping[str, Any]]) -> InfluenceSummary:
    """Return who is most connected, who stands between others and who is alone on the map.

    ``stakeholders``: names, or records with a "name" (or "stakeholder") key, or a DataFrame;
    ``links``: records with "source", "target" and "link_type", or a DataFrame. Raises
    StakeholderError on a link to an actor that is not on the map, an unknown type or a self-link.
    """
    graph = influence_graph(stakeholders, links)
    link_counts = {name: int(graph.degree(name)) for name in graph.nodes}
    # A go-between carries information and favours whichever way a link points, so betweenness
    # is taken on the links as undirected, one connection per pair.
    simple = nx.Graph(graph.to_undirected())
    betweenness = {name: float(value) for name, value in nx.betweenness_centrality(simple).items()}
    return InfluenceSummary(
        links=link_counts,
        betweenness=betweenness,
        most_connected=_top(link_counts),
        go_betweens=_top(betweenness),
        isolated=[name for name, count in link_counts.items() if count == 0],
    )


def _top(scores: Mapping[str, float], count: int = _MOST_SHOWN) -> list[str]:
    """Return the names with the ``count`` highest positive scores, ties with the last kept,
    highest first (then in map order)."""
    ranked = sorted((name for name, score in scores.items() if score > 0),
                    key=lambda name: -scores[name])
    if len(ranked) <= count:
        return ranked
    floor = scores[ranked[count - 1]]
    return [name for name in ranked if scores[name] >= floor - 1e-12]


def _actor_records(actors: Iterable[Any]) -> list[dict[str, Any]]:
    if isinstance(actors, pd.DataFrame):
        actors = actors.to_dict("records")
    records = []
    for actor in actors:
        if isinstance(actor, Mapping):
            name = actor.get("name", actor.get("stakeholder"))
            records.append({"name": name, "influence": actor.get("influence")})
        else:
            records.append({"name": actor})
    return records


def _actor_names(actors: Iterable[Any]) -> list[str]:
    return [str(actor["name"]) for actor in _actor_records(actors)]


def _link_records(links: Iterable[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    if isinstance(links, pd.DataFrame):
        return links.to_dict("records")
    return list(links)


# --- small helpers --------------------------------------------------------------------------

def _column_key(column: Any) -> str:
    return re.sub(r"[\s\-]+", "_", name_key(column))


def _field_label(field_name: str) -> Any:
    return lambda: t(f"stakeholders.field.{field_name}")


def _french(message_key: str) -> str:
    from asm_workshop.i18n import catalog

    return catalog()[message_key]["fr"]


__all__ = [
    "GRID_FIELDS", "LINK_TYPES", "QUADRANTS", "SCALE", "STANCES", "STRATEGIES", "THRESHOLD",
    "InfluenceSummary", "StakeholderError", "StakeholderFile", "case_actors", "case_links",
    "case_stakeholders", "check_influence", "check_link", "check_link_type", "check_name",
    "check_score", "check_stakeholder", "check_stance", "clean_stakeholders", "influence_graph",
    "influence_summary", "link_problems", "link_type_label", "quadrant", "quadrant_label",
    "read_stakeholders_csv", "stakeholder_problems", "stakeholder_table", "stance_label", "strategy",
    "strategy_for", "strategy_label", "write_stakeholders_csv",
]
