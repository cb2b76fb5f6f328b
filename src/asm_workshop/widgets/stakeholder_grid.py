"""The stakeholder grid: place stakeholders by power and interest, saved and exportable.

    from asm_workshop.widgets.stakeholder_grid import StakeholderGrid
    StakeholderGrid("day2.stakeholder_grid", case="benin_sand")

The computation (quadrants, strategies, checks, CSV reading and writing) lives in
``asm_workshop.stakeholders``; this widget collects input, draws the grid and saves the answer:
a list of ``{"name", "power", "interest", "stance"}`` dicts.
"""

from __future__ import annotations

import html
import io
import os
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

import ipywidgets as widgets
import pandas as pd

from asm_workshop import pages
from asm_workshop.cases import check_case
from asm_workshop.i18n import format_number, get_language, t
from asm_workshop.stakeholders import (
    SCALE,
    STANCES,
    THRESHOLD,
    StakeholderError,
    case_stakeholders,
    check_name,
    check_score,
    check_stakeholder,
    check_stance,
    clean_stakeholders,
    read_stakeholders_csv,
    stakeholder_problems,
    stakeholder_table,
    stance_label,
    strategy_for,
    strategy_label,
    write_stakeholders_csv,
)
from asm_workshop.tables import shown_entries
from asm_workshop.text import name_key
from asm_workshop.widgets._grid_drawing import PNG_EXPORT_DPI, GridDrawing, figure_png
from asm_workshop.widgets.base import Notice, message_html
from asm_workshop.widgets.stakeholder_widget import StakeholderWidget


class StakeholderGrid(StakeholderWidget):
    """Mendelow's power/interest grid for a case's stakeholders, or for a list of your own.

    ``case`` ("burkina_gold" or "benin_sand") starts from that case's stakeholders; None
    starts from an empty sheet. Add, rename and remove stakeholders; set power and interest
    (0-10; 5 or more is high) and stance; load a list from CSV; export the grid as PNG and
    the table as CSV. Saved under ``key`` after every change.
    """

    def __init__(self, key: str, *, case: str | None = "burkina_gold",
                 folder: str | os.PathLike[str] | None = None) -> None:
        self.case = None if case is None else check_case(case)
        self._stakeholders: list[dict[str, Any]] = (
            shown_entries(case_stakeholders(case), "name") if case else [])
        self._selected: str | None = self._stakeholders[0]["name"] if self._stakeholders else None
        self._errors: dict[str, StakeholderError | None] = {}
        self._shown_for: dict[str, str] = {}
        self._editing: str | None = None
        self._drawn: tuple | None = None
        self.drawing = GridDrawing()
        super().__init__(key, folder=folder)

    # --- fields -------------------------------------------------------------------------
    def build(self) -> list[widgets.Widget]:
        wide = {"description_width": "9em"}
        self._title = widgets.HTML()
        self._hint = widgets.HTML()
        self._new_name = widgets.Text(style=wide, layout={"width": "26em"})
        self._add_button = widgets.Button(button_style="primary", icon="plus")
        self._choice = widgets.Dropdown(options=[], style=wide, layout={"width": "26em"})
        self._rename_to = widgets.Text(style=wide, layout={"width": "26em"})
        self._rename_button = widgets.Button(icon="pencil")
        self._remove_button = widgets.Button(button_style="warning", icon="trash")
        slider = {"min": SCALE[0], "max": SCALE[1], "step": 0.5, "continuous_update": False,
                  "readout_format": ".1f", "style": wide, "layout": {"width": "30em"}}
        self._power = widgets.FloatSlider(**slider)
        self._interest = widgets.FloatSlider(**slider)
        self._stance = widgets.Dropdown(options=[], style=wide, layout={"width": "20em"})
        self._upload_label = widgets.Label()
        self._upload = widgets.FileUpload(accept=".csv,.txt", multiple=False)
        self._export_png_button = widgets.Button(icon="image")
        self._export_csv_button = widgets.Button(icon="table")
        self._notice = Notice()
        export_links = self.export_links_box()
        self._image = widgets.Image(format="png", layout={"width": "100%", "max_width": "690px"})
        self._table = widgets.HTML()

        # Classes give the browser tests and notebook styles stable handles on the fields.
        for widget, name in ((self._new_name, "new-name"), (self._add_button, "add"),
                             (self._choice, "choice"), (self._rename_to, "rename-to"), (self._power, "power"),
                             (self._interest, "interest"), (self._stance, "stance"), (self._upload, "upload"),
                             (self._image, "chart"), (self._table, "table")):
            widget.add_class(f"asm-grid-{name}")
        self._add_button.on_click(lambda _: self._run_from_button(self.add, self._new_name.value))
        self._rename_button.on_click(
            lambda _: self._run_from_button(self.rename, self._selected or "", self._rename_to.value))
        self._remove_button.on_click(lambda _: self._run_from_button(self.remove, self._selected or ""))
        self._export_png_button.on_click(
            lambda _: self._run_from_button(self._export_clicked, self.export_png))
        self._export_csv_button.on_click(
            lambda _: self._run_from_button(self._export_clicked, self.export_csv))
        self._choice.observe(self._on_choice, "value")
        self._power.observe(lambda change: self._on_editor("power", change), "value")
        self._interest.observe(lambda change: self._on_editor("interest", change), "value")
        self._stance.observe(lambda change: self._on_editor("stance", change), "value")
        self._upload.observe(self._on_upload, "value")
        self.relabel()
        return [
            self._title, self._hint,
            self.field("new_name", widgets.HBox([self._new_name, self._add_button])),
            self._choice,
            self.field("rename", widgets.HBox([self._rename_to, self._rename_button, self._remove_button])),
            self.field("power", self._power),
            self.field("interest", self._interest),
            self.field("stance", self._stance),
            self.field("file", widgets.HBox([self._upload_label, self._upload])),
            self.field("export", widgets.HBox([self._export_png_button, self._export_csv_button])),
            export_links, self._notice, self._image, self._table,
        ]

    def relabel(self) -> None:
        self._title.value = f"<b>{html.escape(t('stakeholder_grid.title'))}</b>"
        self._hint.value = message_html(t("stakeholder_grid.hint", threshold=THRESHOLD))
        self._new_name.description = t("stakeholder_grid.new_name")
        self._new_name.placeholder = t("stakeholder_grid.new_name_placeholder")
        self._add_button.description = t("stakeholder_grid.add")
        self._choice.description = t("stakeholder_grid.selected")
        self._rename_to.description = t("stakeholder_grid.rename_to")
        self._rename_button.description = t("stakeholder_grid.rename")
        self._remove_button.description = t("stakeholder_grid.remove")
        self._power.description = t("stakeholders.field.power")
        self._interest.description = t("stakeholders.field.interest")
        self._stance.description = t("stakeholder_grid.stance")
        with self.syncing_fields():
            stance = self._stance.value
            self._stance.options = [(stance_label(s), s) for s in STANCES]
            self._stance.value = stance if stance in STANCES else "neutral"
        self._upload_label.value = t("stakeholder_grid.load_csv")
        self._upload.description = t("stakeholder_grid.upload")
        self._export_png_button.description = t("stakeholder_grid.export_png")
        self._export_csv_button.description = t("stakeholder_grid.export_csv")
        if self.drawing.language != get_language():
            self.drawing.relabel()  # the next redraw sees the new language and draws again
        for name, error in self._errors.items():
            self.show_problem(name, error.message if error else None)
        self._notice.relabel()
        self.relabel_export_links()

    # --- the answer ---------------------------------------------------------------------
    @property
    def value(self) -> list[dict[str, Any]]:
        """The stakeholders as a list of {"name", "power", "interest", "stance"} dicts."""
        return [dict(entry) for entry in self._stakeholders]

    def to_frame(self) -> pd.DataFrame:
        """Return the stakeholders with their quadrant and strategy ids, one row each."""
        return stakeholder_table(self._stakeholders)

    @property
    def names(self) -> list[str]:
        """The stakeholders' names, in order."""
        return [entry["name"] for entry in self._stakeholders]

    def check_saved(self, value: Any) -> str | None:
        if not isinstance(value, list):
            return "expected a list of stakeholders"
        problems = stakeholder_problems(value)
        if problems:
            position, error = problems[0]
            return f"stakeholder {position}: {error.message}"
        return None

    def restore(self, value: list[dict[str, Any]]) -> None:
        self._stakeholders = clean_stakeholders(value)
        self._selected = self._stakeholders[0]["name"] if self._stakeholders else None

    # --- what a participant does (each refuses bad input, saying why next to the field) --
    def add(self, name: str, power: float = THRESHOLD, interest: float = THRESHOLD,
            stance: str = "neutral") -> dict[str, Any]:
        """Add a stakeholder and select it; return its entry."""
        entry = self._attempt("new_name", lambda: check_stakeholder(
            {"name": name, "power": power, "interest": interest, "stance": stance}, self.names))
        self._stakeholders.append(entry)
        self._selected = entry["name"]
        self._new_name.value = ""
        self._notice.show(None)
        self.answer_changed()
        return dict(entry)

    def rename(self, name: str, new_name: str) -> None:
        """Give the stakeholder ``name`` the name ``new_name``."""
        entry = self._attempt("rename", lambda: self._find(name))
        entry["name"] = self._attempt("rename", lambda: check_name(new_name, self.names,
                                                                   renaming=entry["name"]))
        self._selected = self._editing = entry["name"]
        self._rename_to.value = entry["name"]
        self.answer_changed()

    def remove(self, name: str) -> None:
        """Remove the stakeholder ``name``; the next one (or the previous) is selected."""
        entry = self._attempt("rename", lambda: self._find(name))
        position = self._stakeholders.index(entry)
        self._stakeholders.remove(entry)
        remaining = self._stakeholders
        self._selected = remaining[min(position, len(remaining) - 1)]["name"] if remaining else None
        removed = entry["name"]
        self._notice.show(lambda: t("stakeholder_grid.removed", name=removed))
        self.answer_changed()

    def select(self, name: str) -> None:
        """Select the stakeholder ``name``, so that the sliders and the stance edit it."""
        self._selected = self._attempt("rename", lambda: self._find(name))["name"]
        self.refresh()

    def set_scores(self, name: str, *, power: float | None = None, interest: float | None = None,
                   stance: str | None = None) -> None:
        """Set the power, interest (0-10) and/or stance of the stakeholder ``name``."""
        entry = self._attempt("rename", lambda: self._find(name))
        changes = {}
        if power is not None:
            changes["power"] = self._attempt("power", lambda: check_score(power, "power"))
        if interest is not None:
            changes["interest"] = self._attempt("interest", lambda: check_score(interest, "interest"))
        if stance is not None:
            changes["stance"] = self._attempt("stance", lambda: check_stance(stance))
        entry.update(changes)
        self.answer_changed()

    def load_csv(self, source: str | os.PathLike | IO | bytes, *, replace: bool = False) -> None:
        """Load stakeholders from a CSV file (path, open file or bytes).

        Names already on the grid take the file's scores, new names are added, and the others
        stay (``replace=True`` keeps only the file's). A file with any problem changes nothing.
        """
        found = self._attempt("file", lambda: read_stakeholders_csv(source, case=self.case))
        keys = {name_key(entry["name"]): entry for entry in self._stakeholders}
        added = updated = 0
        if replace:
            self._stakeholders = [dict(entry) for entry in found.stakeholders]
            added = len(found.stakeholders)
        else:
            for entry in found.stakeholders:
                existing = keys.get(name_key(entry["name"]))
                if existing is None:
                    self._stakeholders.append(dict(entry))
                    added += 1
                else:
                    existing.update(entry)
                    updated += 1
        if self._selected is None or self._selected not in self.names:
            self._selected = self._stakeholders[0]["name"] if self._stakeholders else None
        label = getattr(source, "name", None) or (str(source) if isinstance(source, (str, os.PathLike))
                                                   else "CSV")
        self._notice.show(lambda: " ".join([t("stakeholder_grid.loaded", added=added, updated=updated,
                                             source=label), *found.notes()]))
        self.answer_changed()

    def export_png(self, path: str | os.PathLike[str] | None = None) -> Path:
        """Write the grid as a PNG image to ``path`` (default: ``<key>.png`` in the participant's
        exports folder, see ``export_path``); return the path."""
        path = Path(path) if path is not None else self._attempt("export", lambda: self.export_path(".png"))
        self._redraw()
        content = self.drawing.export_png(PNG_EXPORT_DPI)
        self._attempt("export", lambda: self._write(path, content))
        return path

    def export_csv(self, path: str | os.PathLike[str] | None = None, *, french: bool | None = None) -> Path:
        """Write the table (name, power, interest, stance, quadrant, strategy) as CSV to ``path``
        (default: ``<key>.csv`` in the participant's exports folder); return the path.

        ``french`` (default: when the language is French) writes what French Excel expects:
        ";" between columns, decimal commas, French headers. Both read back with ``load_csv``.
        """
        french = get_language() == "fr" if french is None else french
        path = Path(path) if path is not None else self._attempt("export", lambda: self.export_path(".csv"))

        def write() -> Path:
            try:
                return write_stakeholders_csv(self._stakeholders, path, french=french)
            except OSError as error:
                raise StakeholderError("export", "stakeholder_grid.export_failed", path=path,
                                       reason=error.strerror or type(error).__name__) from None

        return self._attempt("export", write)

    # --- drawing --------------------------------------------------------------------------
    def refresh(self) -> None:
        with self.syncing_fields():
            names = self.names
            if tuple(self._choice.options) != tuple(names):
                self._choice.options = names
            self._choice.value = self._selected if self._selected in names else None
            entry = next((e for e in self._stakeholders if e["name"] == self._selected), None)
            for editor in (self._rename_to, self._rename_button, self._remove_button, self._power,
                           self._interest, self._stance):
                editor.disabled = entry is None
            if entry is not None:
                self._power.value = entry["power"]
                self._interest.value = entry["interest"]
                self._stance.value = entry["stance"]
                # Keep what the participant typed in the rename box until another is selected.
                if self._editing != entry["name"]:
                    self._rename_to.value = entry["name"]
                    self._editing = entry["name"]
        self._redraw()

    def _redraw(self) -> None:
        state = (tuple((e["name"], e["power"], e["interest"], e["stance"]) for e in self._stakeholders),
                 self._selected, get_language())
        if state == self._drawn:
            return  # nothing changed since the last drawing: do not draw or encode again
        self.drawing.update(self._stakeholders, self._selected)
        self._image.value = self.drawing.png()
        self._table.value = self._table_html()
        self._drawn = state

    def _table_html(self) -> str:
        if not self._stakeholders:
            return message_html(t("stakeholder_grid.empty"))
        headers = [t(key) for key in (
            "stakeholder_grid.column_name", "stakeholders.field.power", "stakeholders.field.interest",
            "stakeholder_grid.stance", "stakeholder_grid.column_strategy")]
        rows = [
            {"selected": entry["name"] == self._selected,
             "cells": (entry["name"], _score_text(entry["power"]), _score_text(entry["interest"]),
                       stance_label(entry["stance"]),
                       strategy_label(strategy_for(entry["power"], entry["interest"])))}
            for entry in self._stakeholders
        ]
        return pages.render("stakeholder_table.html.j2", headers=headers, rows=rows)

    # --- helpers ----------------------------------------------------------------------------
    def _find(self, name: str) -> dict[str, Any]:
        key = name_key(name or "")
        for entry in self._stakeholders:
            if name_key(entry["name"]) == key:
                return entry
        raise StakeholderError("name", "stakeholders.name_unknown", name=name)

    def _attempt(self, field: str, action: Callable[[], Any]) -> Any:
        """Run ``action``; show its problem next to the field it concerns and raise it again.

        A name or file problem is shown next to ``field`` (where the name or file was given);
        a score or stance problem next to its slider or list. Success clears what this field's
        last attempt showed.
        """
        previous = self._shown_for.pop(field, field)
        try:
            result = action()
        except StakeholderError as error:
            shown_at = error.field if error.field in ("power", "interest", "stance") else field
            if previous != shown_at:
                self._set_error(previous, None)
            self._shown_for[field] = shown_at
            self._set_error(shown_at, error)
            raise
        self._set_error(previous, None)
        return result

    def _set_error(self, field: str, error: StakeholderError | None) -> None:
        self._errors[field] = error
        self.show_problem(field, error.message if error else None)

    def _on_choice(self, change: dict) -> None:
        if self.syncing or change["new"] is None:
            return
        self._selected = change["new"]
        self.refresh()

    def _on_editor(self, name: str, change: dict) -> None:
        if self.syncing or self._selected is None:
            return
        self._run_from_button(lambda: self.set_scores(self._selected, **{name: change["new"]}))

    def _on_upload(self, change: dict) -> None:
        if self.syncing or not change["new"]:
            return
        upload = change["new"][0]
        stream = io.BytesIO(bytes(upload["content"]))
        stream.name = upload["name"]
        self._run_from_button(self.load_csv, stream)
        with self.syncing_fields():
            self._upload.value = ()


def _score_text(number: float) -> str:
    # A score as a participant types it: "6,5" in French, no trailing zeros.
    return format_number(number, 2, trim=True, grouping=False)


__all__ = ["GridDrawing", "StakeholderGrid", "figure_png"]
