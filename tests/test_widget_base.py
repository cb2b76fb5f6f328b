"""The base every answering widget shares, through the smallest possible tool."""

import ipywidgets as widgets

from asm_workshop import i18n
from asm_workshop.widgets.base import AnswerWidget, message_html


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
