"""The stakeholder grid's drawing engine: the power/interest grid as one matplotlib figure that
is updated in place, with the names pasted as pre-drawn masks.

Why not plain matplotlib: with 40 stakeholders a full ``savefig`` with text artists takes
about 115-125 ms and blitting with ``draw_artist`` about 85 ms on the development machine,
against 13-17 ms here; the target is under 100 ms on slower workshop laptops, so that the
sliders stay responsive. ``benchmarks/stakeholder_grid_redraw.py`` measures it: run it after
changing anything in this module.
"""

from __future__ import annotations

import functools
import io
import math
import textwrap
from collections.abc import Mapping
from typing import Any

import numpy as np
import PIL.Image
from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg
from matplotlib.colors import to_rgb
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle

from asm_workshop.i18n import get_language, t
from asm_workshop.stakeholders import (
    SCALE,
    STANCES,
    STRATEGIES,
    THRESHOLD,
    quadrant_label,
    stance_label,
    strategy_label,
)
from asm_workshop.text import shortened

STANCE_COLOURS = {"supportive": "#2e7d32", "neutral": "#78909c", "opposed": "#c62828"}
_QUADRANT_SHADES = {
    "high_power_high_interest": "#fff3e0", "high_power_low_interest": "#e3f2fd",
    "low_power_high_interest": "#e8f5e9", "low_power_low_interest": "#f5f5f5",
}
_LABEL_LENGTH = 24
_LABEL_SIZE = 8
_POINT_RADIUS = 6
_LABEL_COLOUR = "#212121"
_MARGIN = 2
PNG_EXPORT_DPI = 150


def figure_png(figure: Figure, dpi: float | None = None) -> bytes:
    """Return ``figure`` drawn by matplotlib as PNG bytes."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi or figure.dpi)
    return buffer.getvalue()


def pixels_png(pixels: np.ndarray) -> bytes:
    """Return an RGBA pixel array as PNG bytes, compressed lightly: speed matters more here."""
    buffer = io.BytesIO()
    PIL.Image.fromarray(pixels).save(buffer, format="png", compress_level=1)
    return buffer.getvalue()


class LabelStamps:
    """Names drawn once into small alpha masks, to be pasted onto the grid on every redraw.

    Drawing forty names through matplotlib's text machinery costs more than the rest of the
    figure together; a name's mask is drawn once (with matplotlib's Agg renderer, so it looks
    the same) and pasted with numpy afterwards.
    """

    def __init__(self, dpi: float, size: float) -> None:
        self.dpi = dpi
        self.fonts = {False: FontProperties(size=size), True: FontProperties(size=size, weight="bold")}
        self._masks: dict[tuple[str, bool], np.ndarray] = {}
        # The rows every mask keeps, relative to the baseline: from the top of accented capitals
        # to the bottom of descenders, the same for all names so that they line up.
        self._rows = {bold: self._inked_rows("ÉÂHgjpq|", bold) for bold in (False, True)}

    def mask(self, text: str, bold: bool = False) -> np.ndarray:
        """Return the text's coverage (0-1 floats, rows by columns), its left edge at column 0."""
        key = (text, bold)
        if key not in self._masks:
            coverage, baseline = self._draw(text, bold)
            top, bottom = self._rows[bold]
            rows = coverage[baseline + top: baseline + bottom + 1]
            inked = np.nonzero(rows.any(axis=0))[0]
            rows = rows[:, _MARGIN: inked.max() + 1] if inked.size else rows[:, :1]
            self._masks[key] = rows.astype(np.float32) / 255
        return self._masks[key]

    def _draw(self, text: str, bold: bool) -> tuple[np.ndarray, int]:
        """Return the alpha channel of ``text`` drawn from column ``_MARGIN``, and the row of its
        baseline (Agg sets the bottom of the text's own descenders where it is asked to draw)."""
        font = self.fonts[bold]
        measure = RendererAgg(1, 1, self.dpi)
        width, height, descent = measure.get_text_width_height_descent(text, font, ismath=False)
        bottom = 2 * (int(math.ceil(height)) + _MARGIN)
        renderer = RendererAgg(int(math.ceil(width)) + 3 * _MARGIN, 2 * bottom, self.dpi)
        renderer.draw_text(renderer.new_gc(), _MARGIN, bottom, text, font, 0)
        return np.asarray(renderer.buffer_rgba())[:, :, 3], bottom - int(round(descent))

    def _inked_rows(self, sample: str, bold: bool) -> tuple[int, int]:
        coverage, baseline = self._draw(sample, bold)
        inked = np.nonzero(coverage.any(axis=1))[0]
        return int(inked.min()) - baseline - 1, int(inked.max()) - baseline + 1


@functools.cache
def label_stamps(dpi: float, size: float) -> LabelStamps:
    """Return the name masks for this resolution and font size, shared by every grid."""
    return LabelStamps(dpi, size)


def _shared_areas(boxes: np.ndarray, others: np.ndarray) -> np.ndarray:
    """Return the area each box (rows of left, bottom, right, top) shares with each of ``others``."""
    mine, theirs = boxes[:, None, :], others[None, :, :]
    across = np.minimum(mine[..., 2], theirs[..., 2]) - np.maximum(mine[..., 0], theirs[..., 0])
    up = np.minimum(mine[..., 3], theirs[..., 3]) - np.maximum(mine[..., 1], theirs[..., 1])
    return np.clip(across, 0, None) * np.clip(up, 0, None)


class GridDrawing:
    """The power/interest grid as one matplotlib figure that is updated, never rebuilt.

    What does not change (quadrants, strategies, axes, legend) is drawn once and kept as a
    bitmap; each redraw puts it back, draws the points, pastes the names (``LabelStamps``) and
    encodes the PNG. ``export_png`` draws everything through matplotlib, at any resolution.
    The figure is not registered with pyplot, so nothing accumulates in pyplot's figure list.
    """

    def __init__(self) -> None:
        self.figure = Figure(figsize=(7.6, 6.0), dpi=90)
        FigureCanvasAgg(self.figure)
        axes = self.axes = self.figure.add_axes((0.08, 0.09, 0.9, 0.82))
        low, high = SCALE
        axes.set_xlim(low - 0.6, high + 0.6)
        axes.set_ylim(low - 0.6, high + 0.6)
        axes.set_xticks(range(low, high + 1))
        axes.set_yticks(range(low, high + 1))
        for quadrant_id, (x, y) in self._quadrant_corners().items():
            width = THRESHOLD - (low - 0.6) if x < THRESHOLD else high + 0.6 - THRESHOLD
            height = THRESHOLD - (low - 0.6) if y < THRESHOLD else high + 0.6 - THRESHOLD
            axes.add_patch(Rectangle((x, y), width, height, facecolor=_QUADRANT_SHADES[quadrant_id],
                                     edgecolor="none", zorder=0))
        axes.axvline(THRESHOLD, color="#546e7a", linewidth=1, zorder=1)
        axes.axhline(THRESHOLD, color="#546e7a", linewidth=1, zorder=1)
        corner = {"high_power_high_interest": (high + 0.5, high + 0.5, "right", "top"),
                  "high_power_low_interest": (low - 0.5, high + 0.5, "left", "top"),
                  "low_power_high_interest": (high + 0.5, low - 0.5, "right", "bottom"),
                  "low_power_low_interest": (low - 0.5, low - 0.5, "left", "bottom")}
        self.strategy_texts = {
            quadrant_id: axes.text(x, y, "", ha=ha, va=va, fontsize=11, fontweight="bold",
                                   color="#37474f", alpha=0.8, zorder=1)
            for quadrant_id, (x, y, ha, va) in corner.items()
        }
        # The quadrant's name in small print beside its strategy, towards the middle of the grid.
        self.quadrant_texts = {
            quadrant_id: axes.text(x, y - 0.45 if va == "top" else y + 0.45, "", ha=ha, va=va, fontsize=7.5,
                                   color="#546e7a", zorder=1)
            for quadrant_id, (x, y, ha, va) in corner.items()
        }
        # Animated artists are left out of the kept background and drawn on every redraw.
        self.points = axes.scatter(np.empty(0), np.empty(0), s=70, zorder=3, edgecolors="white",
                                   linewidths=1, animated=True)
        self.empty_text = axes.text((low + high) / 2, (low + high) / 2, "", ha="center", va="center",
                                    fontsize=11, color="#37474f", zorder=4, animated=True,
                                    bbox={"facecolor": "white", "edgecolor": "#b0bec5", "boxstyle": "round"})
        self.legend = None
        self.stamps = label_stamps(self.figure.dpi, _LABEL_SIZE)
        self.placed: list[tuple[float, float, str, bool]] = []
        self._background: Any = None
        self.relabel()

    @staticmethod
    def _quadrant_corners() -> dict[str, tuple[float, float]]:
        low = SCALE[0] - 0.6
        return {"high_power_high_interest": (THRESHOLD, THRESHOLD),
                "high_power_low_interest": (low, THRESHOLD),
                "low_power_high_interest": (THRESHOLD, low),
                "low_power_low_interest": (low, low)}

    def relabel(self) -> None:
        """Set axis titles, strategy names and the legend in the current language."""
        self.language = get_language()
        self.axes.set_xlabel(t("stakeholder_grid.axis_interest"))
        self.axes.set_ylabel(t("stakeholder_grid.axis_power"))
        self.axes.set_title(t("stakeholder_grid.chart_title"), fontsize=11)
        for quadrant_id, text in self.strategy_texts.items():
            text.set_text(strategy_label(STRATEGIES[quadrant_id]))
            self.quadrant_texts[quadrant_id].set_text(quadrant_label(quadrant_id))
        if self.empty_text.get_text():
            self.empty_text.set_text(empty_message())
        if self.legend is not None:
            self.legend.remove()
        handles = [Line2D([], [], marker="o", linestyle="", markersize=8, markerfacecolor=STANCE_COLOURS[s],
                          markeredgecolor="white", label=stance_label(s)) for s in STANCES]
        self.legend = self.axes.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, 1.0),
                                       ncol=3, fontsize=8, frameon=True, framealpha=0.9)
        self._background = None

    def update(self, entries: list[Mapping[str, Any]], selected: str | None) -> None:
        """Move points and names to ``entries`` (interest across, power up), stance as colour."""
        positions = np.array([[entry["interest"], entry["power"]] for entry in entries],
                             dtype=float).reshape(-1, 2)
        self.points.set_offsets(positions)
        self.points.set_facecolors([STANCE_COLOURS[entry["stance"]] for entry in entries])
        is_selected = [entry["name"] == selected for entry in entries]
        self.points.set_edgecolors(["#000000" if chosen else "#ffffff" for chosen in is_selected])
        self.points.set_linewidths([2.0 if chosen else 1.0 for chosen in is_selected])
        self.placed = self._place_names(entries, is_selected)
        self.empty_text.set_text("" if entries else empty_message())

    def _place_names(self, entries: list[Mapping[str, Any]],
                     is_selected: list[bool]) -> list[tuple[float, float, str, bool]]:
        """Return where each name goes (data x of its left edge, data y of its middle, text, bold).

        Names go right of their point when there is room, else left, above or below, else
        wherever they overlap least: stakeholders one step apart would otherwise hide each
        other's names. Worked out in pixels of the live figure, kept in data units so that an
        export at another resolution looks the same.
        """
        to_pixels = self.axes.transData
        to_data = to_pixels.inverted()
        left, bottom, right, top = self.axes.bbox.extents
        points = to_pixels.transform(np.array([[e["interest"], e["power"]] for e in entries],
                                              dtype=float).reshape(-1, 2))
        # Boxes already taken, in pixels (left, bottom, right, top): the points, then each name.
        taken = np.empty((2 * len(entries), 4))
        taken[: len(entries)] = np.hstack([points - _POINT_RADIUS, points + _POINT_RADIUS])
        count = len(entries)
        placed = []
        for entry, chosen, (x, y) in zip(entries, is_selected, points, strict=True):
            text = shortened(entry["name"], _LABEL_LENGTH)
            height, width = self.stamps.mask(text, chosen).shape
            gap, line = _POINT_RADIUS + 2, height + 1
            corners = np.array([
                (x + gap, y), (x - gap - width, y), (x - width / 2, y + gap + height / 2),
                (x - width / 2, y - gap - height / 2), (x + gap, y + line), (x + gap, y - line),
                (x - gap - width, y + line), (x - gap - width, y - line)])
            boxes = np.column_stack([corners[:, 0], corners[:, 1] - height / 2,
                                     corners[:, 0] + width, corners[:, 1] + height / 2])
            shared = _shared_areas(boxes, taken[:count]).sum(axis=1)
            inside = _shared_areas(boxes, np.array([[left, bottom, right, top]]))[:, 0]
            outside = width * height - inside
            best = int(np.argmin(4 * outside + shared))  # the first free spot, when there is one
            taken[count] = boxes[best]
            count += 1
            data_x, data_y = to_data.transform(corners[best])
            placed.append((float(data_x), float(data_y), text, chosen))
        return placed

    def png(self) -> bytes:
        """Return the grid as PNG bytes, redrawing only what changes."""
        canvas = self.figure.canvas
        if self._background is None:
            canvas.draw()
            self._background = canvas.copy_from_bbox(self.figure.bbox)
        canvas.restore_region(self._background)
        self.axes.draw_artist(self.points)
        if self.empty_text.get_text():
            self.axes.draw_artist(self.empty_text)
        pixels = np.array(canvas.buffer_rgba())
        self._paste_names(pixels)
        return pixels_png(pixels)

    def export_png(self, dpi: float = PNG_EXPORT_DPI) -> bytes:
        """Return the grid drawn entirely by matplotlib as PNG bytes, at ``dpi``."""
        names = [self.axes.text(x, y, text, ha="left", va="center", fontsize=_LABEL_SIZE, zorder=4,
                                fontweight="bold" if bold else "normal", color=_LABEL_COLOUR,
                                parse_math=False, clip_on=True)
                 for x, y, text, bold in self.placed]
        animated = [self.points, self.empty_text]
        for artist in animated:
            artist.set_animated(False)
        try:
            return figure_png(self.figure, dpi)
        finally:
            for name in names:
                name.remove()
            for artist in animated:
                artist.set_animated(True)
            self._background = None  # the canvas was redrawn at another resolution

    def _paste_names(self, pixels: np.ndarray) -> None:
        height = pixels.shape[0]
        left, bottom, right, top = (int(round(v)) for v in self.axes.bbox.extents)
        colour = np.array(to_rgb(_LABEL_COLOUR), dtype=np.float32) * 255
        transform = self.axes.transData
        for x, y, text, bold in self.placed:
            mask = self.stamps.mask(text, bold)
            column, row = transform.transform((x, y))
            first_column = int(round(column))
            first_row = int(round(height - row - mask.shape[0] / 2))
            # Keep only the part of the name inside the axes, as matplotlib's clipping would.
            rows = slice(max(first_row, height - top), min(first_row + mask.shape[0], height - bottom))
            columns = slice(max(first_column, left), min(first_column + mask.shape[1], right))
            if rows.start >= rows.stop or columns.start >= columns.stop:
                continue
            cover = mask[rows.start - first_row: rows.stop - first_row,
                         columns.start - first_column: columns.stop - first_column, None]
            region = pixels[rows, columns, :3]
            region[...] = (region * (1 - cover) + colour * cover).astype(np.uint8)


def empty_message() -> str:
    """The message an empty grid shows, in lines short enough for the chart."""
    return "\n".join(textwrap.wrap(t("stakeholder_grid.empty"), 40))
