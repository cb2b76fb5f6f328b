"""The facilitator's agenda is built from the lessons: every lesson in its day, with a fifth more
time than it states, the breaks near their hour, and no day running past 17:30 (08:30 to 17:30,
90 minutes of breaks); a longer lesson makes its day overflow, and the agenda says so."""

import shutil
from datetime import date

import nbformat
import pytest

from asm_workshop import agenda, cli, curriculum
from asm_workshop.i18n import in_language
from conftest import ROOT

START = 8 * 60 + 30


def lesson_minutes(path, pace=1.2) -> int:
    core = sum(s.minutes for s in curriculum.sections(path) if s.kind == "core")
    return 5 * int(core * pace / 5 + 0.5)


@pytest.mark.parametrize("language", ["en", "fr"])
def test_no_day_runs_past_its_end_in_the_three_days_or_a_themed_day(language):
    with in_language(language):
        days = agenda.workshop() + [agenda.themed_day(theme) for theme in agenda.THEMES]
        assert agenda.problems(days) == []
    for day in days:
        assert day.slots[0].start == START and day.end <= START + 9 * 60, day.title
        # The slots follow one another: nothing overlaps, nothing is left out between them.
        assert all(a.end == b.start for a, b in zip(day.slots, day.slots[1:], strict=False)), day.title
        breaks = [slot for slot in day.slots if slot.kind in ("break", "lunch")]
        assert [slot.kind for slot in breaks] == ["break", "lunch", "break"], day.title
        assert sum(slot.minutes for slot in breaks) == 90
        lunch = next(slot for slot in breaks if slot.kind == "lunch")
        assert abs(lunch.start - 13 * 60) <= 80, day.title


def test_every_lesson_is_in_its_day_in_order_with_a_fifth_more_time_than_it_states():
    notebooks = ROOT / "notebooks"
    for day in agenda.workshop():
        expected = curriculum.lessons_in(notebooks / f"day{day.number}")
        if day.number == 1:
            expected = [notebooks / curriculum.WELCOME, *expected]
        lessons = [slot for slot in day.slots if slot.kind == "lesson"]
        titles = list(dict.fromkeys(slot.title for slot in lessons))
        assert titles == [agenda.curriculum_title(path) for path in expected]
        for path, title in zip(expected, titles, strict=True):
            parts = [slot for slot in lessons if slot.title == title]
            assert sum(slot.minutes for slot in parts) == lesson_minutes(path), title
            assert parts[0].stated == sum(s.minutes for s in curriculum.sections(path) if s.kind == "core")
            # A break cuts a lesson only between sections, leaving at least 15 minutes each side.
            assert all(slot.minutes >= agenda.MIN_PART for slot in parts) or len(parts) == 1
        # The day's graded exercise closes it (on Day 3, before the evaluation and the closing).
        last = day.slots[-1 if day.number < 3 else -3]
        assert last.kind == "exercise" and last.minutes == 45


def test_an_optional_section_is_named_under_its_lesson_and_not_timed():
    day1 = agenda.workshop()[0]
    context = next(slot for slot in day1.slots if slot.title.startswith("1.2"))
    assert ("Migration: who came from elsewhere?", 4) in context.optional
    with in_language("fr"):
        context = next(slot for slot in agenda.workshop()[0].slots if slot.title.startswith("1.2"))
    assert all("facultati" not in title for title, _ in context.optional)
    assert len(context.optional) == 4


def test_the_facilitator_sets_the_start_and_the_dates():
    early, late = agenda.workshop(), agenda.workshop(start="09:15", first_day=date(2027, 3, 1))
    for one, other in zip(early, late, strict=True):
        assert [slot.start + 45 for slot in one.slots] == [slot.start for slot in other.slots]
    assert [day.date for day in late] == [date(2027, 3, 1), date(2027, 3, 2), date(2027, 3, 3)]
    assert late[0].heading() == "Day 1 · Monday 1 March 2027 · Understanding ASM and its context"
    with in_language("fr"):
        days = agenda.workshop(start="9h15", days=[date(2027, 3, 1), date(2027, 3, 3), date(2027, 3, 5)])
        assert days[0].heading() == "Jour 1 · lundi 1er mars 2027 · Comprendre l'EMAPE et son contexte"
        assert days[2].heading().startswith("Jour 3 · vendredi 5 mars 2027")
        assert agenda.clock(days[0].slots[0].start) == "9\u00a0h\u00a015"
        assert agenda.themed_day("gender", day=date(2027, 4, 1)).heading().startswith("jeudi 1er avril 2027")
    assert agenda.clock(9 * 60 + 15) == "09:15"


@pytest.mark.parametrize(("language", "start", "message"), [
    ("en", "25:00", "“25:00” is not a time of day: write it as 08:30."),
    ("fr", "8.30", "«\u00a08.30\u00a0» n'est pas une heure\u00a0: écrivez-la sous la forme 08:30."),
])
def test_a_wrong_start_says_what_to_write(language, start, message):
    with in_language(language), pytest.raises(ValueError) as raised:
        agenda.workshop(start=start)
    assert str(raised.value) == message


def test_an_unknown_theme_or_a_wrong_number_of_dates_says_so():
    with pytest.raises(ValueError, match="Unknown theme “mercury”: choose one of rights, gender, frm, emp"):
        agenda.themed_day("mercury")
    with in_language("fr"), pytest.raises(ValueError, match="donnez 3\u00a0dates"):
        agenda.workshop(days=[date(2027, 3, 1)])


def test_themed_days_take_their_lessons_whole_and_practise_for_half_a_day_after_lunch():
    for theme, lessons in agenda.THEMES.items():
        day = agenda.themed_day(theme)
        titles = list(dict.fromkeys(slot.title for slot in day.slots if slot.kind == "lesson"))
        assert titles == [agenda.curriculum_title(ROOT / "notebooks" / name) for name in lessons]
        # Optional sections included: a themed day has the time for them.
        assert all(not slot.optional for slot in day.slots)
        practice = [slot for slot in day.slots if slot.title == "Half a day of practice"]
        assert sum(slot.minutes for slot in practice) == 180
        lunch = next(slot for slot in day.slots if slot.kind == "lunch")
        assert practice[0].start == lunch.end, theme


@pytest.fixture
def checkout(tmp_path):
    """A copy of the lessons and exercises the agenda reads, to change a lesson in."""
    for folder in ("notebooks", "solutions"):
        shutil.copytree(ROOT / folder, tmp_path / folder, ignore=shutil.ignore_patterns("answers"))
    return tmp_path


def test_a_longer_lesson_changes_the_agenda_and_overflows_its_day(checkout):
    lesson = checkout / "notebooks" / "day1" / "1-3_technical_aspects.ipynb"
    before = agenda.workshop(root=checkout)[0]
    notebook = nbformat.read(lesson, as_version=4)
    heading = next(cell for cell in notebook.cells[1:]
                   if cell.metadata.get("asm_workshop", {}).get("section") == "core")
    heading.metadata["asm_workshop"]["minutes"] += 25  # 30 minutes more with the room's pace
    nbformat.write(notebook, lesson)
    after = agenda.workshop(root=checkout)[0]
    assert after.end - before.end == 30
    assert agenda.problems([after]) == [
        "Day 1 · Understanding ASM and its context runs 20 minutes past its end (17:30): shorten a "
        "lesson, make a section optional or move a session to another day."]
    # A slower room (a third more) overflows too, with the lessons as they are.
    assert agenda.problems(agenda.workshop(pace=1.34))


def test_the_command_prints_the_agenda_and_writes_its_page(tmp_path, capsys):
    assert cli.main(["agenda", "--language", "fr", "--first-day", "2027-03-01", "--out", str(tmp_path)]) == 0
    printed = capsys.readouterr().out
    assert "Jour 2 · mardi 2 mars 2027" in printed and "Déjeuner" in printed
    page = (tmp_path / "agenda_fr.html").read_text(encoding="utf-8")
    assert '<html lang="fr">' in page and "Récapitulatif de la veille" in page
    assert "http" not in page and "src=" not in page  # opens and prints offline
    assert cli.main(["agenda", "--theme", "frm", "--start", "07:00"]) == 0
    assert "07:00" in capsys.readouterr().out
    assert cli.main(["agenda", "--start", "noon"]) == 2
    assert "is not a time of day" in capsys.readouterr().err
    assert cli.main(["agenda", "--theme", "mercury", "--language", "fr"]) == 2
    assert "Thème inconnu «\u00a0mercury\u00a0»" in capsys.readouterr().err
