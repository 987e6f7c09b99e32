"""Self-check without an instructor: answer first, then reveal the model answer and mark yourself.

In the questionnaire notebook::

    reveal("q07")                       # the model answer and its key points (asks nothing)
    mark("q07", [True, False, True, True])   # which key points your answer covered: saved
    progress()                          # what is done, what to revisit
    check_question("q04")               # grade one code question (the exercises' checks)

``mnist-grade quiz`` (:mod:`autograder.frontends.quiz_cli`) is the same flow in a terminal; both
keep the learner's progress with :mod:`autograder.quiz.progress`.

The helpers do nothing when the notebook is imported by the grader (a module loaded from an
``.ipynb`` file), so grading never prints answers nor writes anyone's progress.
"""

from __future__ import annotations

import inspect
from pathlib import Path

from autograder.quiz import catalogue as questionnaire
from autograder.quiz.progress import ProgressStore, answer_text, summary, summary_text


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
    from autograder.checks import registry  # torch and the checks: only when a question is graded
    from autograder.frontends.notebook import notebook_submission
    from autograder.grading.runner import close, grade
    from autograder.render.text import result_line

    q = questionnaire.get(qid)
    checks = registry.exercise(questionnaire.STEM).checks
    mine = set(questionnaire.check_names(q, [c.name for c in checks]))
    sub = notebook_submission(questionnaire.STEM, namespace)
    try:
        report = grade(questionnaire.STEM, sub, names=mine,
                       on_result=lambda r: print(result_line(r)))
    finally:
        close(sub)
    return report.results
