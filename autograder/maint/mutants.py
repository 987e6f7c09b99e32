"""Proof that the checks catch real mistakes: grade every mutant and every alternative answer.

A *mutant* (``tests/mutants/<stem>__<what>.py``) is a realistic wrong implementation: a small file
whose definitions replace the solution's (it runs after ``solutions/<stem>.py`` in the same
namespace). It declares, as literals::

    EXERCISE = "e03_mnist_loss"
    MUST_FAIL = {"mnist_loss_values": ["sigmoid"]}   # check -> words its message must contain

and must fail exactly those checks, each with those words in its message, and pass all others.
A mutant may also name ``MAY_FAIL = {"check"}``: training checks whose verdict on that mistake
depends on the data (a loss without its sigmoid still trains a linear model, better than the
reference on 800 embedded digits, worse on the complete MNIST_SAMPLE); they are asserted neither
way, and the mutant must still fail its ``MUST_FAIL`` checks on every data.
An *alternative* (``tests/alternatives/<stem>__<what>.py``) is a correct but different answer with
``EXERCISE`` only: it must get full marks. ``mnist-grade mutants`` prints the catch rate and the
number of false failures; ``tests/test_mutants.py`` asserts every case.
"""

from __future__ import annotations

import ast
import sys
from dataclasses import dataclass, field
from pathlib import Path

from autograder.core.model import CheckResult, Status
from autograder.core.paths import ROOT, TESTS
from autograder.grading.loader import solution_file
from autograder.grading.runner import grade_file


@dataclass
class Case:
    path: Path
    exercise: str
    must_fail: dict[str, list[str]] = field(default_factory=dict)
    may_fail: set[str] = field(default_factory=set)

    @property
    def is_mutant(self) -> bool:
        return bool(self.must_fail)

    @property
    def name(self) -> str:
        return self.path.stem


def read_case(path: Path) -> Case:
    """Read ``EXERCISE`` and ``MUST_FAIL`` from a case file without running it."""
    values = {}
    for node in ast.parse(path.read_text()).body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = node.targets[0]
            if isinstance(target, ast.Name) and target.id in ("EXERCISE", "MUST_FAIL", "MAY_FAIL"):
                values[target.id] = ast.literal_eval(node.value)
    if "EXERCISE" not in values:
        raise ValueError(f"{path}: no EXERCISE = '<stem>' line")
    return Case(path, values["EXERCISE"], values.get("MUST_FAIL", {}), set(values.get("MAY_FAIL", ())))


def discover(kind: str, root: Path = ROOT) -> list[Case]:
    """All cases of ``kind`` (``"mutants"`` or ``"alternatives"``), sorted by file name."""
    return [read_case(p) for p in sorted((root / TESTS / kind).glob("*__*.py"))]


def grade(case: Case, root: Path = ROOT) -> list[CheckResult]:
    """Every check of the case's exercise, run on the solution patched with the case file."""
    return grade_file(solution_file(case.exercise, root), case.exercise, patch=case.path).results


def verdict(case: Case, results: list[CheckResult]) -> list[str]:
    """What is wrong with how the checks treated ``case`` (empty when they did exactly right)."""
    problems = []
    failed = {r.name: r for r in results if r.status is not Status.PASSED}
    for r in results:
        if r.name in case.must_fail:
            if r.name not in failed:
                problems.append(f"{r.name} passed but must fail")
                continue
            missing = [w for w in case.must_fail[r.name] if w.lower() not in r.message.lower()]
            if missing:
                problems.append(f"{r.name} failed but its message lacks {missing}:\n{r.message}")
        elif r.name in failed and r.name not in case.may_fail:
            problems.append(f"{r.name} failed ({r.status.value}) but must pass:\n{r.message}")
    unknown = (set(case.must_fail) | case.may_fail) - {r.name for r in results}
    problems += [
        f"MUST_FAIL/MAY_FAIL names {u}, which is not a check of {case.exercise}"
        for u in sorted(unknown)
    ]
    return problems


def main(root: Path = ROOT) -> int:
    folder = root / TESTS / "mutants"
    if not folder.is_dir():
        print(
            f"mnist-grade mutants: no catalogue at {folder}. The mutants and alternatives live in "
            "the project's git clone (tests/mutants/, tests/alternatives/), not in an installed "
            "package: run this command from a clone, after `pip install -e .`.",
            file=sys.stderr,
        )
        return 2
    mutants, alternatives = discover("mutants", root), discover("alternatives", root)
    caught = false_failures = 0
    for case in mutants + alternatives:
        problems = verdict(case, grade(case, root))
        if case.is_mutant:
            caught += not problems
        else:
            false_failures += bool(problems)
        label = (
            ("caught" if not problems else "MISSED")
            if case.is_mutant
            else ("full marks" if not problems else "FALSE FAILURE")
        )
        print(f"{label:13} {case.name}")
        for p in problems:
            print("      " + p.replace("\n", "\n      "))
    rate = 100.0 * caught / len(mutants) if mutants else 0.0
    print(f"\nmutants caught: {caught}/{len(mutants)} ({rate:.0f}%)")
    print(f"false failures: {false_failures}/{len(alternatives)} alternatives")
    return 0 if caught == len(mutants) and false_failures == 0 else 1
