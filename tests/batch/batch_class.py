"""Simulated classes for the batch tests: students made from the project's own answers.

A student's file is ``solutions/<stem>.py`` (full marks), ``exercises/<stem>.py`` (the stub:
nothing attempted), or a solution with a mutant of ``tests/mutants/`` applied: the mutant's text
appended to the solution's, so its definitions replace the solution's (it fails exactly its
``MUST_FAIL`` checks). :func:`expected` gives the score each must get.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MUTANTS = ROOT / "tests" / "mutants"


def must_fail(mutant: str) -> set[str]:
    """The checks the mutant ``<stem>__<what>`` must fail (its ``MUST_FAIL``)."""
    for node in ast.parse((MUTANTS / f"{mutant}.py").read_text()).body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "MUST_FAIL":
            value = ast.literal_eval(node.value)
            return set(value)
    raise AssertionError(f"{mutant} has no MUST_FAIL")


def source(kind: str, stem: str) -> str:
    """The text of a ``solution``, a ``stub``, or a mutant (``kind`` is its name)."""
    if kind == "solution":
        return (ROOT / "solutions" / f"{stem}.py").read_text()
    if kind == "stub":
        return (ROOT / "exercises" / f"{stem}.py").read_text()
    mutant = (MUTANTS / f"{kind}.py").read_text()
    assert kind.startswith(stem), kind
    return (ROOT / "solutions" / f"{stem}.py").read_text() + "\n\n" + mutant


def write_student(folder: Path, work: dict[str, str]) -> Path:
    """``folder`` holding one file per exercise: ``work`` maps a stem to a kind of
    :func:`source`."""
    folder.mkdir(parents=True, exist_ok=True)
    for stem, kind in work.items():
        (folder / f"{stem}.py").write_text(source(kind, stem))
    return folder


def expected(stem: str, kind: str) -> float:
    """The score ``kind`` must get on ``stem``."""
    from autograder.checks.registry import checks_of

    checks = checks_of(stem)
    if kind == "solution":
        return sum(c.points for c in checks)
    if kind == "stub":
        return 0
    failed = must_fail(kind)
    return sum(c.points for c in checks if c.name not in failed)


def batch(*args: str) -> list[str]:
    """The command line of ``mnist-grade batch`` run by this Python."""
    return [sys.executable, "-m", "autograder.cli", "batch", *args]
