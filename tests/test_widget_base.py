"""The base every answering widget shares, through the smallest possible tool."""

import json
import threading

import ipywidgets as widgets
import pytest
from fake_voila import FakeVoilaQuery, clear_voila_environment, returns_without_waiting

from asm_workshop import i18n
from asm_workshop.answers import AnswerStore
from asm_workshop.widgets.base import AnswerWidget, message_html
from asm_workshop.widgets.quiz import Quiz


class WorkerCount(AnswerWidget):
    """A one-field tool: how many people work at a site (0 or more)."""

    def build(self):
        self.count = widgets.IntText(value=0)
        self.count.observe(lambda _: self.answer_changed(), "value")
        self.result = widgets.HTML()
        return [self.field("count", self.count), self.result]

    @property
    def value(self):
        return {"workers": self.count.value}

    def restore(self, value):
        self.count.value = value["workers"]

    def check_saved(self, value):
        return None if isinstance(value, dict) and "workers" in value else "expected a worker count"

    def refresh(self):
        problem = i18n.t("answers.saved") if self.count.value < 0 else None
        self.show_problem("count", problem)
        self.result.value = f"{self.count.value} workers"


def test_each_change_is_saved_and_comes_back(tmp_path):
    tool = WorkerCount("test.workers", folder=tmp_path)
    tool.count.value = 42
    assert WorkerCount("test.workers", folder=tmp_path).value == {"workers": 42}


def test_restoring_does_not_rewrite_the_file(tmp_path):
    WorkerCount("test.workers", folder=tmp_path).count.value = 7
    before = (tmp_path / "test.workers.json").stat().st_mtime_ns
    again = WorkerCount("test.workers", folder=tmp_path)
    assert again.result.value == "7 workers"
    assert (tmp_path / "test.workers.json").stat().st_mtime_ns == before


def test_nested_syncing_stays_on_until_the_outer_block_ends(tmp_path):
    tool = WorkerCount("test.workers", folder=tmp_path)
    with tool.syncing_fields():
        with tool.syncing_fields():
            tool.count.value = 3
        assert tool.syncing, "the inner block ending must not end the outer one"
        tool.count.value = 4
    assert not tool.syncing
    assert not (tmp_path / "test.workers.json").exists(), "the widget's own changes are not answers"
    tool.count.value = 5
    assert saved_workers(tmp_path) == 5


def test_a_change_the_widget_makes_itself_writes_no_answer_file(tmp_path):
    tool = WorkerCount("test.workers", folder=tmp_path)
    with tool.syncing_fields():
        tool.count.value = 8  # e.g. a relabel that sets options again, or a redraw
        tool.answer_changed()  # even when a subclass calls it from inside
    assert not (tmp_path / "test.workers.json").exists()


def test_problem_shows_next_to_its_field_and_clears(tmp_path):
    tool = WorkerCount("test.workers", folder=tmp_path)
    tool.count.value = -1
    assert "Saved." in tool.problem("count")
    tool.count.value = 3
    assert tool.problem("count") == ""


def test_saved_answer_of_the_wrong_shape_is_set_aside_and_shown(tmp_path):
    (tmp_path / "test.workers.json").write_text('{"format": 1, "key": "test.workers", "value": [1]}')
    tool = WorkerCount("test.workers", folder=tmp_path)
    assert tool.value == {"workers": 0}
    assert "expected a worker count" in tool.status.value
    assert (tmp_path / "test.workers.json.bak").exists()


def test_messages_are_escaped_html():
    assert message_html("<script>x</script>", "problem").count("<script>") == 0
    assert message_html(None) == ""


def test_closing_a_widget_stops_it_hearing_language_changes(tmp_path):
    tool = WorkerCount("test.workers", folder=tmp_path)
    calls = []
    tool.relabel = lambda: calls.append("relabel")
    tool.close()
    i18n.set_language("fr")
    assert calls == []


def test_a_change_that_changes_nothing_writes_nothing(tmp_path):
    tool = WorkerCount("test.workers", folder=tmp_path)
    tool.count.value = 5
    path = tmp_path / "test.workers.json"
    path.write_text(path.read_text().replace('"saved_at"', '"saved_at_marker"'))  # a trace of this write
    tool.answer_changed()  # e.g. a slider released where it was
    assert "saved_at_marker" in path.read_text()
    tool.count.value = 6
    assert "saved_at_marker" not in path.read_text()


def test_the_quiz_loads_without_the_heavy_tools():
    import subprocess
    import sys

    script = ("import sys; from asm_workshop.widgets import Quiz, LanguagePicker; "
              "print(sorted({'networkx', 'matplotlib', 'pandas'} & set(sys.modules)))")
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "[]"


# A preheated Voila kernel runs the notebook before its participant opens the page ---------------

@pytest.fixture
def voila_query(monkeypatch, in_tmp_path):
    """A preheated kernel, working in a temporary folder, whose participant has not come yet."""
    fake = FakeVoilaQuery(monkeypatch)
    yield fake
    fake.close()


def saved_workers(folder):
    return json.loads((folder / "test.workers.json").read_text(encoding="utf-8"))["value"]["workers"]


@pytest.fixture
def saved_elsewhere(in_tmp_path):
    """Awa's saved answer in her folder, and another in the room's shared folder."""
    answers = in_tmp_path / "answers"
    AnswerStore(answers / "participants" / "awa").save("test.workers", {"workers": 12})
    AnswerStore(answers).save("test.workers", {"workers": 99})
    return answers


def test_a_widget_is_built_at_once_and_shows_the_participants_answer_once_known(voila_query, saved_elsewhere):
    tool = returns_without_waiting(lambda: WorkerCount("test.workers"))
    assert tool.value == {"workers": 0}  # nothing read from the shared folder
    voila_query.bind("participant=awa")
    assert tool.value == {"workers": 12} and tool.result.value == "12 workers"
    tool.count.value = 13
    assert saved_workers(saved_elsewhere / "participants" / "awa") == 13
    assert saved_workers(saved_elsewhere) == 99


def test_a_quiz_built_before_the_participant_is_known_gets_their_choice(voila_query, in_tmp_path):
    AnswerStore(in_tmp_path / "answers" / "participants" / "koffi").save("welcome.practice", ["gold"])
    quiz = Quiz("welcome.practice", "Which mineral?", {"gold": "Gold", "sand": "Sand and gravel"},
                correct="sand")
    assert quiz.value == []
    voila_query.bind("participant=koffi")
    assert quiz.value == ["gold"]
    assert quiz._feedback.value == message_html(i18n.t("quiz.incorrect"), "problem")  # redrawn


def test_a_change_before_the_participant_is_known_waits_and_goes_to_their_folder(voila_query,
                                                                                 saved_elsewhere):
    tool = WorkerCount("test.workers")
    # Set just before the request goes: a change that did not wait for it finds it unset.
    arriving = threading.Event()

    def arrive() -> None:
        arriving.set()
        voila_query.send_request("participant=awa")

    threading.Timer(0.3, arrive).start()
    tool.count.value = 5  # the participant's own change wins over their saved 12
    assert arriving.is_set(), "the change was saved before the participant was known"
    assert saved_workers(saved_elsewhere / "participants" / "awa") == 5
    assert saved_workers(saved_elsewhere) == 99
    assert tool.value == {"workers": 5}


def test_a_change_while_the_participant_never_comes_is_kept_and_never_shared(voila_query, saved_elsewhere):
    tool = WorkerCount("test.workers")
    tool.BINDING_WAIT_SECONDS = 0.1
    tool.count.value = 5
    assert "Not saved yet" in tool.status.value
    assert saved_workers(saved_elsewhere) == 99
    voila_query.bind("participant=awa")
    assert tool.value == {"workers": 5} and tool.status.value == ""
    assert saved_workers(saved_elsewhere / "participants" / "awa") == 5


def test_a_widget_closed_before_the_participant_is_known_is_left_alone(voila_query, saved_elsewhere):
    tool = WorkerCount("test.workers")
    tool.close()
    voila_query.bind("participant=awa")
    assert tool.value == {"workers": 0}


def test_outside_voila_a_widget_never_starts_listening(in_tmp_path, monkeypatch):
    clear_voila_environment(monkeypatch)
    WorkerCount("test.workers")
    assert not any(thread.name == "asm-participant-request" for thread in threading.enumerate())
