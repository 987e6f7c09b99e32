"""The self-check flow: the progress store (round trip, atomic, corrupt file kept aside), the
notebook helpers reveal/mark/progress, and the `mnist-grade quiz` command driven by a script."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from autograder.frontends import quiz_cli, selfcheck
from autograder.quiz import catalogue as questionnaire
from autograder.quiz import progress
from autograder.quiz.progress import ProgressStore


@pytest.fixture
def store_path(tmp_path, monkeypatch):
    path = tmp_path / "progress" / "quiz.json"
    monkeypatch.setenv(progress.ENV, str(path))
    return path


def test_default_path(monkeypatch, tmp_path):
    monkeypatch.delenv(progress.ENV, raising=False)
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    assert progress.default_path() == tmp_path / ".local/share/mnist-basics/quiz.json"
    monkeypatch.setenv(progress.ENV, str(tmp_path / "mine.json"))
    assert ProgressStore().path == tmp_path / "mine.json"
    assert ProgressStore(tmp_path / "other.json").path == tmp_path / "other.json"


def test_store_round_trip(store_path):
    store = ProgressStore()
    assert store.read() == {}
    store.save_answer("q07", "L1 is the mean absolute difference")
    store.save_marks("q07", [True, False, 1, 0])
    again = ProgressStore(store_path).entry("q07")
    assert again["answer"] == "L1 is the mean absolute difference"
    assert again["covered"] == [True, False, True, False]
    assert json.loads(store_path.read_text())["version"] == progress.VERSION
    assert [p.name for p in store_path.parent.iterdir()] == ["quiz.json"]  # no temp file left


@pytest.mark.parametrize("text", ["{not json", '{"questions": [1, 2]}', "[]", ""])
def test_corrupt_file_is_kept_and_a_new_one_started(store_path, text):
    store_path.parent.mkdir(parents=True)
    store_path.write_text(text)
    warnings = []
    store = ProgressStore(warn=warnings.append)
    store.save_answer("q01", "a grid of numbers")
    backups = list(store_path.parent.glob("quiz.json.corrupt-*"))
    assert len(backups) == 1 and backups[0].read_text() == text
    assert "could not be read" in warnings[0] and str(backups[0]) in warnings[0]
    assert store.entry("q01")["answer"] == "a grid of numbers"


def test_reset_keeps_a_backup(store_path):
    store = ProgressStore()
    store.save_answer("q01", "one")
    store.save_answer("q02", "two")
    backup = store.reset(["q01"])
    assert set(store.read()) == {"q02"}
    assert set(json.loads(backup.read_text())["questions"]) == {"q01", "q02"}
    store.reset()
    assert store.read() == {}


def test_reveal_mark_progress(store_path, capsys):
    selfcheck.reveal("q07")
    out = capsys.readouterr().out
    q = questionnaire.get("q07")
    assert q.answer in out and all(p in out for p in q.key_points)
    assert 'mark(\'q07\', [True, True, True, True])' in out
    assert not store_path.exists()  # reveal asks and saves nothing
    with pytest.raises(ValueError, match="q07 has 4 key points"):
        selfcheck.mark("q07", [True])
    selfcheck.mark("q07", [True, False, True, True])
    assert "3 of 4 key points covered" in capsys.readouterr().out
    s = selfcheck.progress()
    assert s["done"] == 1 and s["revisit"] == ["q07 (3/4)"] and "q01" in s["todo"]
    assert "Done: 1 of 39" in capsys.readouterr().out


def test_code_question_marks_its_written_half(store_path, capsys):
    """q04 mixes code and concept: the checks grade the code, the key points the concept."""
    selfcheck.reveal("q04")
    out = capsys.readouterr().out
    assert 'Key points of the written part, "What is a list comprehension?"' in out
    read, write, out = scripted(["a list built in one expression", "", "y", "y", "n"])
    assert quiz_cli.main(only="q04", read=read, write=write) == 0
    assert "answer its written part: What is a list comprehension?" in "\n".join(out)
    assert ProgressStore().entry("q04")["covered"] == [True, True, False]


def test_helpers_do_nothing_in_a_graded_notebook(store_path, capsys):
    namespace = {"__name__": "submission_questionnaire", "__file__": "/x/questionnaire.ipynb"}
    exec("from autograder.frontends.selfcheck import reveal, mark\nreveal('q07')\n"  # noqa: S102
         "mark('q07', [True] * 4)", namespace)
    assert capsys.readouterr().out == "" and not store_path.exists()


def scripted(lines):
    """A reader that answers with ``lines`` then raises EOFError (Ctrl-D), and a writer."""
    it, out = iter(lines), []

    def read(prompt):
        out.append(prompt)
        try:
            return next(it)
        except StopIteration:
            raise EOFError from None

    return read, out.append, out


def test_quiz_saves_and_resumes(store_path):
    # q01 answered and marked; q05 answered, then Ctrl-D before marking
    read, write, out = scripted(["pixels as numbers", "", "y", "n", "x", "y",
                                 "three axes", "", "y"])
    assert quiz_cli.main(only="q01,q05", read=read, write=write) == 0
    text = "\n".join(out)
    assert "please answer y or n" in text and "progress is saved" in text
    store = ProgressStore()
    assert store.entry("q01")["covered"] == [True, False, True]
    assert store.entry("q05") == {**store.entry("q05"), "answer": "three axes"}
    assert "covered" not in store.entry("q05")
    # the second run resumes at q05's marking, showing the saved answer
    read, write, out = scripted(["y", "y", "n"])
    assert quiz_cli.main(only="q01,q05", read=read, write=write) == 0
    text = "\n".join(out)
    assert "Welcome back: 1 of 2" in text and "three axes" in text and "Question 1 " not in text
    assert ProgressStore().entry("q05")["covered"] == [True, True, False]
    assert "Done: 2 of 2" in text


def test_quiz_interrupt_saves_partial_answer(store_path):
    lines = iter(["half an"])

    def read(prompt):
        try:
            return next(lines)
        except StopIteration:
            raise KeyboardInterrupt from None

    out = []
    assert quiz_cli.main(only="q03", read=read, write=out.append) == 130
    assert ProgressStore().entry("q03")["answer"] == "half an"


def test_quiz_rejects_unknown_ids_and_resets(store_path):
    out = []
    assert quiz_cli.main(only="q99", write=out.append) == 2 and "q99" in out[0]
    ProgressStore().save_marks("q02", [True] * 4)
    read, write, out = scripted([])
    quiz_cli.main(only="q02", reset=True, read=read, write=write)
    assert any("Progress reset" in line for line in out)
    assert "covered" not in ProgressStore().entry("q02")


def test_quiz_command_with_piped_stdin(tmp_path):
    path = tmp_path / "quiz.json"
    env = {k: v for k, v in os.environ.items() if k != progress.ENV}
    script = "the mean image of each digit\n\ny\ny\ny\nn\n"
    run = subprocess.run(
        [sys.executable, "-m", "autograder.cli", "quiz", "--progress", str(path), "--only", "q03"],
        input=script, capture_output=True, text=True, env=env, timeout=60)
    assert run.returncode == 0, run.stderr
    assert "Model answer (Question 3)" in run.stdout and "Done: 1 of 1" in run.stdout
    entry = json.loads(path.read_text())["questions"]["q03"]
    assert entry["answer"] == "the mean image of each digit"
    assert entry["covered"] == [True, True, True, False]
