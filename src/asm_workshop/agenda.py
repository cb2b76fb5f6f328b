"""The facilitator's agenda: the three days, or one themed day, with clock times, built from the
lessons themselves, so that a change to a lesson changes the agenda.

How the time is counted:

- **A lesson** takes the minutes of its core sections (the marks on its heading cells,
  ``curriculum.sections``) times ``PACE``, rounded to 5 minutes. The lessons state the time a
  fluent reader needs; participants here are not programmers and most of them read English, or
  the lesson's French, as a second language, so the agenda gives every lesson a fifth more than it
  states (``pace`` changes it). The optional sections are not timed: the agenda names them under
  their lesson, for a room that has time left (a themed day times them, since it has the day).
- **A graded exercise** takes the minutes its first cell states: that estimate is already made
  for a non-programmer in a second language (``tests/test_assignment_minutes.py``).
- **The rest** (opening, introductions and expectations, setting up the laptops, each
  organisation presenting its own context, the daily recap, evaluation and closing) takes the
  minutes of ``BLOCKS``.
- **The day** runs from ``start`` (08:30 unless the facilitator sets another) for ``DAY_MINUTES``
  (nine hours, to 17:30) with 90 minutes of breaks: a 15-minute break in the morning, an hour for
  lunch, a 15-minute break in the afternoon. Each break falls at the boundary between two
  sections nearest its time (10:30, 13:00 and 15:30 for a day that starts at 08:30), so it may cut
  a lesson in two; a block is never cut. ``problems`` says which day runs past its end, and by
  how much (``tests/test_agenda.py`` fails on it).

The three days put the organisations' presentations on the morning of Day 2, after a first day on
what ASM is and its context, and before the day on the people in it; Day 1 has no room for them
(it holds the welcome lesson, the laptops and two graded exercises).

    from asm_workshop import agenda
    days = agenda.workshop(start="09:00", first_day=date(2027, 3, 1))
    agenda.themed_day("gender")
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import nbformat

from asm_workshop import curriculum
from asm_workshop.i18n import get_language, t
from asm_workshop.paths import repository_root
from asm_workshop.plan import format_date

PACE = 1.2
"""How much longer than it states a lesson takes with this room (see the module's docstring)."""
DAY_MINUTES = 9 * 60
"""From the start of the day to its end, breaks included."""
BREAKS = (("break", 120, 15), ("lunch", 270, 60), ("break", 420, 15))
"""Each break: its kind, when it falls (minutes after the start of the day) and how long it is."""
BLOCKS = {"opening": 15, "introductions": 30, "laptops": 20, "contexts": 60, "recap": 15,
          "evaluation": 20, "closing": 20, "theme_opening": 30, "practice": 180, "theme_closing": 30}
"""The minutes of each part that is not a lesson or an exercise (texts: ``agenda.block.<name>``)."""
MIN_PART = 15
"""A break cuts a lesson or a block only where each side keeps at least this many minutes."""
PRACTICE_PIECE = 30
"""A themed day's half day of practice may be cut by a break every this many minutes."""
THEMES = {
    "rights": ("day1/1-1_what_is_asm.ipynb", "day2/2-3_rights_and_gender.ipynb"),
    "gender": ("day1/1-2_context_analysis.ipynb", "day2/2-3_rights_and_gender.ipynb"),
    "frm": ("day1/1-4_regulatory_framework.ipynb", "day2/2-4_environment_and_rehabilitation.ipynb"),
    "emp": ("day2/2-4_environment_and_rehabilitation.ipynb",
            "day3/3-2_environmental_management_planning.ipynb"),
}
"""The one-day themed workshops of the original training, each drawn from two lessons (optional
sections included) and a half day of practice (``agenda.theme.<name>.*``): human rights-based
approaches, gender in ASM, adapting the Frugal Rehabilitation Methodology to a country, and
ASM-inclusive environmental management planning."""
DAYS = {1: ("opening", "introductions", "laptops", "00_welcome.ipynb", "exercise:welcome", "day1",
            "exercise:day1"),
        2: ("recap", "contexts", "day2", "exercise:day2"),
        3: ("recap", "day3", "exercise:day3", "evaluation", "closing")}
"""What each day of the three holds, in order: a block, a lesson, a day's lessons, an exercise."""


@dataclass(frozen=True)
class Slot:
    """One line of the agenda, from ``start`` to ``end`` (minutes after midnight)."""

    start: int
    end: int
    kind: str
    """"lesson", "exercise", "block", "break" or "lunch"."""
    title: str
    part: int = 0
    """For a lesson a break cuts in two: 1, then 2; 0 for a whole one."""
    stated: int = 0
    """The minutes the lesson or exercise states (its core sections for a lesson)."""
    optional: tuple[tuple[str, int], ...] = ()
    """A lesson's optional sections not timed here: (title, minutes)."""
    detail: str = ""
    """What a block is for ("welcome, the workshop's purpose and the three days")."""

    @property
    def minutes(self) -> int:
        return self.end - self.start


@dataclass(frozen=True)
class Day:
    """One day of the agenda."""

    number: int
    title: str
    start: int
    slots: tuple[Slot, ...]
    date: date | None = None
    pace: float = PACE
    """How much longer than they state the lessons were given (``PACE`` unless a caller chose)."""

    @property
    def planned_end(self) -> int:
        """When the day should end (minutes after midnight)."""
        return self.start + DAY_MINUTES

    @property
    def end(self) -> int:
        """When the last slot ends."""
        return self.slots[-1].end if self.slots else self.start

    @property
    def spare(self) -> int:
        """Minutes left before the planned end (negative when the day runs over)."""
        return self.planned_end - self.end

    def heading(self, *, with_title: bool = True) -> str:
        """"Day 1 · Monday 1 March 2027 · Understanding ASM and its context", in the current
        language; ``with_title=False`` leaves the title out (a themed day's page has it above)."""
        parts = [t("agenda.day", number=self.number) if self.number else ""]
        if self.date is not None:
            weekday = t("agenda.weekdays").split()[self.date.weekday()]
            parts.append(f"{weekday} {format_date(self.date)}")
        return " · ".join(filter(None, [*parts, self.title if with_title else ""]))


def workshop(*, start: str = "08:30", first_day: date | None = None, days: list[date] | None = None,
             pace: float = PACE, root: Path | None = None) -> list[Day]:
    """Return the three days, in the current language. ``start``: when each day starts ("08:30");
    ``first_day``: the date of Day 1 (the next two follow it), or ``days``: the three dates."""
    dates = _dates(3, first_day, days)
    notebooks = (root or repository_root()) / "notebooks"
    result = []
    for number, plan in DAYS.items():
        items: list[dict] = []
        for name in plan:
            if name.startswith("exercise:"):
                items.append(_exercise(name.split(":", 1)[1], root))
            elif name.endswith(".ipynb"):
                items.append(_lesson(notebooks / name, pace, with_optional=False))
            elif name.startswith("day"):
                items += [_lesson(path, pace, with_optional=False)
                          for path in curriculum.lessons_in(notebooks / name)]
            else:
                items.append(_block(name))
        result.append(_day(number, t(f"agenda.day{number}.title"), _clock(start), items,
                           dates[number - 1], pace))
    return result


def themed_day(theme: str, *, start: str = "08:30", day: date | None = None, pace: float = PACE,
               root: Path | None = None) -> Day:
    """Return the one-day workshop on ``theme`` (a key of ``THEMES``), in the current language."""
    if theme not in THEMES:
        raise ValueError(t("agenda.unknown_theme", theme=theme, known=", ".join(THEMES)))
    notebooks = (root or repository_root()) / "notebooks"
    items = [_block("theme_opening")]
    items += [_lesson(notebooks / name, pace, with_optional=True) for name in THEMES[theme]]
    practice = BLOCKS["practice"]
    items.append({"kind": "block", "title": t("agenda.block.practice"),
                  "detail": t(f"agenda.theme.{theme}.practice"), "after_lunch": True,
                  "pieces": [PRACTICE_PIECE] * (practice // PRACTICE_PIECE)})
    items.append(_block("theme_closing"))
    return _day(0, t(f"agenda.theme.{theme}.title"), _clock(start), items, day, pace)


def problems(days: list[Day]) -> list[str]:
    """What is wrong with ``days``, in the current language: each day that runs past its end."""
    return [t("agenda.overflow", day=day.heading(), minutes=-day.spare, end=clock(day.planned_end))
            for day in days if day.spare < 0]


def clock(minutes: int) -> str:
    """A time of day in the current language: "08:30", "8 h 30"."""
    hours, minutes = divmod(minutes % (24 * 60), 60)
    # 08:30 in English; French typography writes 8 h 30, with no-break spaces.
    return f"{hours}\u00a0h\u00a0{minutes:02d}" if get_language() == "fr" else f"{hours:02d}:{minutes:02d}"


def to_text(days: list[Day]) -> str:
    """The agenda as plain text, one line per slot (what ``asm-workshop agenda`` prints)."""
    lines = []
    for day in days:
        lines += ["", day.heading(), "-" * len(day.heading())]
        for slot in day.slots:
            lines.append(f"{clock(slot.start):>8} – {clock(slot.end):<8} {slot_title(slot)}")
            if slot.detail and slot.part <= 1:
                lines.append(f"{'':20}{slot.detail}")
        lines.append(t("agenda.spare", minutes=day.spare) if day.spare >= 0
                     else problems([day])[0])
    return "\n".join(lines).lstrip("\n") + "\n"


def slot_title(slot: Slot) -> str:
    """The slot's title as the agenda shows it (a lesson cut by a break says which part)."""
    if slot.part:
        return t("agenda.first_part" if slot.part == 1 else "agenda.part", title=slot.title, part=slot.part)
    return slot.title


def to_html(days: list[Day], *, title: str | None = None) -> str:
    """The agenda as a printable A4 page in the current language (offline, inline style)."""
    from asm_workshop import pages

    themed = all(day.number == 0 for day in days)
    return pages.render("agenda.html.j2", days=days, title=title or t("agenda.heading"),
                        clock=clock, slot_title=slot_title,
                        intro=t("agenda.how_counted_theme" if themed else "agenda.how_counted",
                                percent=round((days[0].pace - 1) * 100)))


# --- building a day -------------------------------------------------------------------------------

def _clock(text: str) -> int:
    match = re.fullmatch(r"(\d{1,2})[:h](\d{2})", text.strip())
    if not match or int(match[1]) > 23 or int(match[2]) > 59:
        raise ValueError(t("agenda.bad_start", start=text))
    return int(match[1]) * 60 + int(match[2])


def _dates(count: int, first_day: date | None, days: list[date] | None) -> list[date | None]:
    if days is not None:
        if len(days) != count:
            raise ValueError(t("agenda.bad_days", count=count, given=len(days)))
        return list(days)
    if first_day is None:
        return [None] * count
    return [first_day + timedelta(days=offset) for offset in range(count)]


def _round5(minutes: float) -> int:
    return 5 * math.floor(minutes / 5 + 0.5)


def _lesson(path: Path, pace: float, *, with_optional: bool) -> dict:
    """A lesson as pieces: its timed sections, scaled by ``pace`` onto a 5-minute grid."""
    all_sections = curriculum.sections(path)
    sections = [s for s in all_sections
                if s.minutes and (s.kind == "core" or (with_optional and s.kind == "optional"))]
    total = sum(s.minutes for s in sections)
    shown = _in_language(path)
    bounds, running = [], 0
    for section in sections:
        running += section.minutes
        bounds.append(_round5(running * pace))
    pieces = [b - a for a, b in zip([0, *bounds], bounds, strict=False) if b > a]
    # The optional sections' headings as the reader's edition has them (the same sections, in order).
    headings = all_sections if shown == path else curriculum.sections(shown)
    optional = () if with_optional else tuple(
        (_without_mark(heading.title), section.minutes)
        for section, heading in zip(all_sections, headings, strict=True)
        if section.kind == "optional" and section.minutes)
    return {"kind": "lesson", "title": curriculum_title(shown), "pieces": pieces,
            "stated": total, "optional": optional}


def _exercise(name: str, root: Path | None) -> dict:
    path = (root or repository_root()) / "solutions" / name / f"{name}.ipynb"
    # The exercise's first cell says "About 45 minutes. Work alone." (no optional part).
    match = re.search(r"About (\d+) minutes", nbformat.read(path, as_version=4).cells[0].source)
    minutes = int(match[1]) if match else 0
    title = curriculum_title(_in_language(path))
    return {"kind": "exercise", "title": t("agenda.exercise", title=title), "pieces": [minutes],
            "stated": minutes}


def _block(name: str) -> dict:
    return {"kind": "block", "title": t(f"agenda.block.{name}"), "pieces": [BLOCKS[name]],
            "detail": t(f"agenda.block.{name}.detail")}


def _day(number: int, title: str, start: int, items: list[dict], when: date | None,
         pace: float) -> Day:
    # The day's parts as pieces a break may not cut: (item, minutes), in order.
    pieces = [(index, minutes) for index, item in enumerate(items) for minutes in item["pieces"]]
    # Each break, in turn, goes before the piece whose start is nearest the break's time (the
    # breaks already placed counted in), never leaving less than MIN_PART of a cut item on either
    # side, and lunch before a half day of practice; a break the day has ended before is left out.
    before_practice = next((number for number, (index, _) in enumerate(pieces)
                            if items[index].get("after_lunch")), len(pieces))
    breaks: dict[int, list[tuple[str, int]]] = {}
    earliest = 1
    for kind, offset, minutes in BREAKS:
        best: tuple[int, int] | None = None
        last = min(before_practice, len(pieces) - 1) if kind == "lunch" else len(pieces) - 1
        for boundary in range(earliest, last + 1):
            if not _may_cut(pieces, boundary):
                continue
            at = (start + sum(m for _, m in pieces[:boundary])
                  + sum(m for placed, taken in breaks.items() if placed <= boundary for _, m in taken))
            if best is None or abs(at - start - offset) < best[0]:
                best = (abs(at - start - offset), boundary)
        if best is not None:
            breaks.setdefault(best[1], []).append((kind, minutes))
            earliest = best[1]
    counts = Counter(index for index, _ in pieces)
    parts: Counter[int] = Counter()
    slots: list[Slot] = []
    run: list[tuple[int, int]] = []

    def end() -> int:
        return slots[-1].end if slots else start

    def close() -> None:
        if not run:
            return
        index, item = run[0][0], items[run[0][0]]
        split = len(run) != counts[index]
        parts[index] += 1
        slots.append(Slot(end(), end() + sum(m for _, m in run), item["kind"], item["title"],
                          part=parts[index] if split else 0, stated=item.get("stated", 0),
                          optional=item.get("optional", ()), detail=item.get("detail", "")))
        run.clear()

    for boundary, (index, minutes) in enumerate(pieces):
        if boundary in breaks or (run and run[0][0] != index):
            close()
        for kind, taken in breaks.get(boundary, []):
            slots.append(Slot(end(), end() + taken, kind, t(f"agenda.{kind}")))
        run.append((index, minutes))
    close()
    return Day(number, title, start, tuple(slots), when, pace)


def _may_cut(pieces: list[tuple[int, int]], boundary: int) -> bool:
    """Whether a break may go before piece ``boundary``: between two items, or inside one where
    each side keeps at least MIN_PART minutes."""
    index = pieces[boundary][0]
    if boundary == 0 or pieces[boundary - 1][0] != index:
        return True
    before = sum(m for number, (item, m) in enumerate(pieces) if item == index and number < boundary)
    after = sum(m for number, (item, m) in enumerate(pieces) if item == index and number >= boundary)
    return min(before, after) >= MIN_PART


def _in_language(path: Path) -> Path:
    from asm_workshop.translation import translation_path

    return translation_path(path) if get_language() == "fr" else path


def curriculum_title(path: Path) -> str:
    """The lesson's title, its first heading ("1.1 What artisanal and small-scale mining is")."""
    from asm_workshop.present import notebook_title

    return notebook_title(path)


def _without_mark(title: str) -> str:
    # "Migration: who came from elsewhere? (optional)": the agenda already says they are optional.
    return re.sub(r"\s*\((optional|facultatif|facultative)\)$", "", title)


__all__ = ["BLOCKS", "BREAKS", "DAY_MINUTES", "MIN_PART", "PACE", "THEMES", "Day", "Slot", "clock",
           "curriculum_title", "problems", "slot_title", "themed_day", "to_html", "to_text", "workshop"]
