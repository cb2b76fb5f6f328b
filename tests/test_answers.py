import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from asm_workshop import i18n
from asm_workshop.answers import AnswerMissingError, AnswerStore, check_key, load_answer, read_answer_file


def test_saved_answer_loads_back(tmp_path):
    store = AnswerStore(tmp_path)
    assert store.save("day2.grid", {"actors": ["ANEEMAS"], "power": [8]}).saved
    assert store.load("day2.grid").value == {"actors": ["ANEEMAS"], "power": [8]}
    assert store.keys() == ["day2.grid"]


def test_file_holds_format_key_time_and_value(tmp_path):
    AnswerStore(tmp_path).save("welcome.q", ["a"])
    content = json.loads((tmp_path / "welcome.q.json").read_text())
    assert content["format"] == 1 and content["key"] == "welcome.q" and content["value"] == ["a"]
    assert content["saved_at"].endswith("+00:00")


def test_default_folder_is_answers_beside_the_notebook(in_tmp_path):
    AnswerStore().save("welcome.q", ["a"])
    assert (in_tmp_path / "answers" / "welcome.q.json").exists()


def test_accents_survive_a_round_trip(tmp_path):
    store = AnswerStore(tmp_path)
    store.save("day1.note", "Lac Ahémé, Hauts-Bassins")
    assert store.load("day1.note").value == "Lac Ahémé, Hauts-Bassins"


def test_save_leaves_no_temporary_files(tmp_path):
    store = AnswerStore(tmp_path)
    for number in range(5):
        store.save("welcome.q", [str(number)])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["welcome.q.json"]


def test_a_crash_before_the_rename_keeps_the_old_answer(tmp_path):
    # A writer killed after writing its temporary file but before renaming it.
    store = AnswerStore(tmp_path)
    store.save("welcome.q", ["old"])
    script = textwrap.dedent(f"""
        import os
        from asm_workshop.answers import AnswerStore
        os.replace = lambda *args: os._exit(9)
        AnswerStore({str(tmp_path)!r}).save("welcome.q", ["new"])
    """)
    assert subprocess.run([sys.executable, "-c", script]).returncode == 9
    assert store.load("welcome.q").value == ["old"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "was empty"),
        ("{not json", "is not valid JSON"),
        ("[1, 2]", "does not hold an answer"),
        (json.dumps({"format": 1, "key": "other.key", "value": 1}), "answer to \"other.key\""),
        (json.dumps({"format": 99, "key": "welcome.q", "value": 1}), "unknown format"),
    ],
    ids=["empty", "not_json", "not_an_object", "other_key", "unknown_format"],
)
def test_corrupted_file_is_moved_aside_and_reported(tmp_path, content, message):
    (tmp_path / "welcome.q.json").write_text(content)
    result = AnswerStore(tmp_path).load("welcome.q")
    assert result.value is None
    assert message in result.message and "welcome.q.json.bak" in result.message
    assert (tmp_path / "welcome.q.json.bak").read_text() == content
    assert not (tmp_path / "welcome.q.json").exists()


def test_file_in_latin1_is_set_aside_not_a_crash(tmp_path):
    (tmp_path / "welcome.q.json").write_bytes('{"value": "Ahémé"}'.encode("latin-1"))
    result = AnswerStore(tmp_path).load("welcome.q")
    assert result.value is None and (tmp_path / "welcome.q.json.bak").exists()


def test_a_second_corrupted_file_keeps_the_first_backup(tmp_path):
    store = AnswerStore(tmp_path)
    for content in ("first", "second"):
        (tmp_path / "welcome.q.json").write_text(content)
        store.load("welcome.q")
    assert (tmp_path / "welcome.q.json.bak").read_text() == "first"
    assert (tmp_path / "welcome.q.json.2.bak").read_text() == "second"


def test_value_the_widget_rejects_is_moved_aside(tmp_path):
    store = AnswerStore(tmp_path)
    store.save("welcome.q", {"unexpected": True})
    result = store.load("welcome.q", check=lambda value: None if isinstance(value, list) else "not a list")
    assert "not a list" in result.message and (tmp_path / "welcome.q.json.bak").exists()


def test_message_is_in_the_participants_language(tmp_path):
    (tmp_path / "welcome.q.json").write_text("")
    i18n.set_language("fr")
    assert "était vide" in AnswerStore(tmp_path).load("welcome.q").message


@pytest.mark.parametrize("key", ["", "Welcome.Q", "../escape", "a/b", "with space", ".hidden"])
def test_key_that_cannot_name_a_file_is_refused(key):
    with pytest.raises(ValueError, match="cannot be used as a file name"):
        check_key(key)


def test_load_answer_returns_the_value_or_says_it_is_missing(tmp_path):
    AnswerStore(tmp_path).save("welcome.q", ["b"])
    assert load_answer("welcome.q", tmp_path) == ["b"]
    with pytest.raises(AnswerMissingError, match="No saved answer for \"welcome.other\""):
        load_answer("welcome.other", tmp_path)


READ_ONLY_SCRIPT = """
import json, sys
from asm_workshop.answers import AnswerStore, read_answer_file
store = AnswerStore(sys.argv[1])
print(json.dumps({"save": store.save("welcome.q", ["new"]).__dict__, "load": store.load("welcome.q").value}))
"""


def run_in_read_only_folder(folder: Path) -> dict:
    """Run READ_ONLY_SCRIPT with ``folder`` read-only.

    Root ignores file permissions, so as root the folder is bind-mounted read-only in a
    private mount namespace (a real read-only file system); otherwise it is chmod-ed.
    """
    command = [sys.executable, "-c", READ_ONLY_SCRIPT, str(folder)]
    if os.geteuid() == 0:
        mount = f"mount --bind {folder} {folder} && mount -o remount,ro,bind {folder} && exec \"$@\""
        command = ["unshare", "--mount", "sh", "-c", mount, "sh", *command]
    else:
        folder.chmod(0o555)
    try:
        return json.loads(subprocess.run(command, capture_output=True, text=True, check=True).stdout)
    finally:
        folder.chmod(0o755)


def test_read_only_folder_gives_a_clear_message_and_keeps_the_old_answer(tmp_path):
    AnswerStore(tmp_path).save("welcome.q", ["old"])
    outcome = run_in_read_only_folder(tmp_path)
    assert outcome["save"]["saved"] is False
    assert "cannot be written" in outcome["save"]["message"]
    assert outcome["load"] == ["old"]


def test_reading_another_lessons_answer_file_never_moves_it(tmp_path):
    store = AnswerStore(tmp_path)
    store.save("day2_1.grid", [{"name": "ANEEMAS"}])
    assert read_answer_file(store.path("day2_1.grid"))["value"] == [{"name": "ANEEMAS"}]
    broken = tmp_path / "day2_1.other.json"
    broken.write_text("{not json")
    (tmp_path / "day2_1.moved.json").write_text(store.path("day2_1.grid").read_text())
    assert read_answer_file(broken) is None
    assert read_answer_file(tmp_path / "day2_1.moved.json") is None  # holds another key's answer
    assert read_answer_file(tmp_path / "missing.json") is None
    assert broken.read_text() == "{not json" and not list(tmp_path.glob("*.bak"))
