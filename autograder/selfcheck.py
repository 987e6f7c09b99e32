"""Self-check without an instructor: answer first, then reveal the model answer and mark yourself.

In the questionnaire notebook::

    reveal("q07")                       # the model answer and its key points (asks nothing)
    mark("q07", [True, False, True, True])   # which key points your answer covered: saved
    progress()                          # what is done, what to revisit
    check_question("q04")               # grade one code question (the exercises' checks)

``mnist-grade quiz`` (:mod:`autograder.quiz_cli`) is the same flow in a terminal. Progress is a
JSON file: ``--progress PATH``, else ``$MNIST_QUIZ_PROGRESS``, else
``$XDG_DATA_HOME/mnist-basics/quiz.json`` (``~/.local/share/mnist-basics/quiz.json``). Writes are
atomic (a temporary file, then a rename); a file that cannot be read is kept aside as a backup
(``quiz.json.corrupt-<time>``), never overwritten, and a fresh one is started.

The helpers do nothing when the notebook is imported by the grader (a module loaded from an
``.ipynb`` file), so grading never prints answers nor writes anyone's progress.
"""

from __future__ import annotations

import inspect
import json
import os
import sys
import time
from pathlib import Path

from autograder import questionnaire

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
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps({"version": VERSION, "questions": entries}, indent=1,
                                  sort_keys=True) + "\n")
        os.replace(tmp, self.path)

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


def status(entry: dict, question: questionnaire.Question) -> str:
    """``new``, ``answered`` (not marked yet) or ``done`` (marked for the current key points)."""
    covered = entry.get("covered")
    if (isinstance(covered, list) and len(covered) == len(question.key_points)
            and all(isinstance(c, bool) for c in covered)):
        return "done"
    return "answered" if entry.get("answer") is not None else "new"


def summary(store: ProgressStore, questions: list[questionnaire.Question]) -> dict:
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


def answer_text(q: questionnaire.Question) -> str:
    """The model answer, numbered key points and pointers, as shown by :func:`reveal`."""
    points = "\n".join(f"  {i}. {p}" for i, p in enumerate(q.key_points, 1))
    where = f'Book section: "{q.section}"' + (f"; exercise: {q.exercise}" if q.exercise else "")
    return f"Model answer ({q.label}):\n\n{q.answer}\n\nKey points:\n{points}\n\n{where}."


def _graded(depth: int = 2) -> bool:
    """True when the caller's code is a notebook run by the grader (a module from an .ipynb)."""
    frame = inspect.currentframe()
    for _ in range(depth):
        frame = frame.f_back
    return str(frame.f_globals.get("__file__", "")).endswith(".ipynb")


def reveal(qid: str) -> None:
    """Print the model answer and key points of ``qid``, and how to :func:`mark` them."""
    if _graded():
        return
    q = questionnaire.get(qid)
    example = ", ".join(["True"] * len(q.key_points))
    print(answer_text(q))
    print(f"\nWhich key points did your answer cover? Record it: mark({qid!r}, [{example}]) "
          "(True = covered, False = missed).")


def mark(qid: str, covered: list[bool], answer: str | None = None,
         path: Path | str | None = None) -> dict | None:
    """Save which key points of ``qid`` your answer covered (and your answer, if given)."""
    if _graded():
        return None
    q = questionnaire.get(qid)
    values = list(covered)
    if len(values) != len(q.key_points) or not all(v in (True, False, 0, 1) for v in values):
        raise ValueError(f"{qid} has {len(q.key_points)} key points: give one True/False for each, "
                         f"in order (you gave {values!r})")
    store = ProgressStore(path)
    if answer is not None:
        store.save_answer(qid, answer)
    entry = store.save_marks(qid, values)
    print(f"Saved {qid}: {sum(entry['covered'])} of {len(values)} key points covered "
          f"(in {store.path}).")
    return entry


def progress(path: Path | str | None = None) -> dict | None:
    """Print and return the summary of your progress over the whole questionnaire."""
    if _graded():
        return None
    s = summary(ProgressStore(path), questionnaire.load())
    print(summary_text(s))
    return s


def check_question(qid: str, namespace: dict | None = None):
    """Grade the code question ``qid`` on the notebook's functions (its checks only)."""
    if namespace is None:
        namespace = inspect.currentframe().f_back.f_globals
    if str(namespace.get("__file__", "")).endswith(".ipynb"):
        return None
    from autograder import registry, render
    from autograder.loader import Submission
    from autograder.runner import run_check

    q = questionnaire.get(qid)
    checks = registry.exercise(questionnaire.STEM).checks
    mine = set(questionnaire.check_names(q, [c.name for c in checks]))
    sub = Submission(namespace, "<notebook>", questionnaire.STEM)
    results = [run_check(c, sub) for c in checks if c.name in mine]
    for r in results:
        print(render.result_line(r))
    return results
