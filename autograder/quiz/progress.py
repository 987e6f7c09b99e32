"""The learner's progress through the questionnaire: answers and self-marks, kept in a file.

Progress is a JSON file: ``--progress PATH``, else ``$MNIST_QUIZ_PROGRESS``, else
``$XDG_DATA_HOME/mnist-basics/quiz.json`` (``~/.local/share/mnist-basics/quiz.json``). Writes are
atomic (:func:`autograder.core.files.atomic_write`); a file that cannot be read is kept aside as a
backup (``quiz.json.corrupt-<time>``), never overwritten, and a fresh one is started.

:func:`status` and :func:`summary` say where a learner stands; :func:`answer_text` is what a
reveal shows. The notebook (:mod:`autograder.frontends.selfcheck`) and the terminal
(:mod:`autograder.frontends.quiz_cli`) share all of it.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

from autograder.core.files import atomic_write
from autograder.quiz.catalogue import Question

ENV = "MNIST_QUIZ_PROGRESS"
VERSION = 1


def default_path() -> Path:
    """``$MNIST_QUIZ_PROGRESS``, else ``~/.local/share/mnist-basics/quiz.json`` (XDG aware)."""
    if os.environ.get(ENV):
        return Path(os.environ[ENV]).expanduser()
    data = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(data) / "mnist-basics" / "quiz.json"


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S")


class ProgressStore:
    """The learner's answers and marks, one entry per question id::

        {"version": 1, "questions": {"q07": {"answer": "...", "covered": [true, false],
                                               "answered_at": "...", "marked_at": "..."}}}

    Every change re-reads the file first, so a notebook and a terminal quiz can share it.
    """

    def __init__(self, path: Path | str | None = None, warn=None) -> None:
        self.path = Path(path).expanduser() if path else default_path()
        self.warn = warn or (lambda text: print(text, file=sys.stderr))

    def read(self) -> dict[str, dict]:
        """The entries by question id (empty when there is no file yet)."""
        try:
            text = self.path.read_text()
        except FileNotFoundError:
            return {}
        try:
            data = json.loads(text)
            entries = data["questions"]
            if not isinstance(entries, dict) or not all(
                    isinstance(e, dict) for e in entries.values()):
                raise ValueError("`questions` is not a mapping of entries")
            return entries
        except (ValueError, KeyError, TypeError) as err:
            backup = self._aside("corrupt")
            os.replace(self.path, backup)
            self.warn(f"Your quiz progress file {self.path} could not be read ({err}). It was kept "
                      f"as {backup} (nothing in it is lost) and a new one is started.")
            return {}

    def _aside(self, label: str) -> Path:
        """A new file name next to the progress file: ``quiz.json.<label>-<time>[-n]``."""
        stem = f"{self.path.name}.{label}-{time.strftime('%Y%m%d-%H%M%S')}"
        path, n = self.path.with_name(stem), 1
        while path.exists():
            path, n = self.path.with_name(f"{stem}-{n}"), n + 1
        return path

    def write(self, entries: dict[str, dict]) -> None:
        """Save atomically: a temporary file in the same folder, then a rename over the old one."""
        atomic_write(self.path, json.dumps({"version": VERSION, "questions": entries}, indent=1,
                                           sort_keys=True) + "\n")

    def entry(self, qid: str) -> dict:
        return dict(self.read().get(qid, {}))

    def _update(self, qid: str, **fields) -> dict:
        entries = self.read()
        entry = {**entries.get(qid, {}), **fields}
        entries[qid] = entry
        self.write(entries)
        return entry

    def save_answer(self, qid: str, answer: str) -> dict:
        return self._update(qid, answer=answer, answered_at=_now())

    def save_marks(self, qid: str, covered: list[bool]) -> dict:
        return self._update(qid, covered=[bool(c) for c in covered], marked_at=_now())

    def reset(self, qids: list[str] | None = None) -> Path | None:
        """Forget ``qids`` (all when None); the old file is kept as a backup (path returned)."""
        if not self.path.exists():
            return None
        backup = self._aside("before-reset")
        backup.write_bytes(self.path.read_bytes())
        entries = self.read()
        self.write({} if qids is None else {k: v for k, v in entries.items() if k not in qids})
        return backup


def status(entry: dict, question: Question) -> str:
    """``new``, ``answered`` (not marked yet) or ``done`` (marked for the current key points)."""
    covered = entry.get("covered")
    if (isinstance(covered, list) and len(covered) == len(question.key_points)
            and all(isinstance(c, bool) for c in covered)):
        return "done"
    return "answered" if entry.get("answer") is not None else "new"


def summary(store: ProgressStore, questions: list[Question]) -> dict:
    """Counts, and the questions to revisit (a key point not covered) and still to do."""
    entries = store.read()
    done, revisit, todo, covered, total = 0, [], [], 0, 0
    for q in questions:
        e = entries.get(q.id, {})
        if status(e, q) != "done":
            todo.append(q.id)
            continue
        done += 1
        n = sum(e["covered"])
        covered, total = covered + n, total + len(q.key_points)
        if n < len(q.key_points):
            revisit.append(f"{q.id} ({n}/{len(q.key_points)})")
    return {"questions": len(questions), "done": done, "key_points_covered": covered,
            "key_points_marked": total, "revisit": revisit, "todo": todo}


def summary_text(s: dict) -> str:
    lines = [f"Done: {s['done']} of {s['questions']} questions; key points covered: "
             f"{s['key_points_covered']} of {s['key_points_marked']} in those."]
    if s["revisit"]:
        lines.append("Revisit (key points missed): " + ", ".join(s["revisit"]))
    if s["todo"]:
        lines.append("Still to do: " + ", ".join(s["todo"]))
    return "\n".join(lines)


def answer_text(q: Question) -> str:
    """The model answer, numbered key points and pointers, as shown by :func:`reveal`."""
    points = "\n".join(f"  {i}. {p}" for i, p in enumerate(q.key_points, 1))
    where = f'Book section: "{q.section}"' + (f"; exercise: {q.exercise}" if q.exercise else "")
    part = (f" of the written part, \"{q.concept}\" (the checks grade the code)" if q.concept
            else "")
    return (f"Model answer ({q.label}):\n\n{q.answer}\n\nKey points{part}:\n{points}\n\n"
            f"{where}.")
