"""Simulated students for the nbgrader course: what each one does to a released notebook.

- :func:`solve`: every solution cell filled from the instructor's source notebook (markers out),
  every open answer with the model answer;
- :func:`apply_mutants`: known mistakes from ``tests/mutants/`` put into the notebook's cells
  (each mutant function replaces the student's function of the same name, in its own cell);
- :func:`pick_mutants` and :func:`expected_score`: mistakes that touch different functions and
  checks, and the score they must leave (the points of every check outside their ``MUST_FAIL``).
"""

from __future__ import annotations

import ast
import copy
from pathlib import Path

from autograder.build import BEGIN, END
from autograder.mutants import Case, read_case

ROOT = Path(__file__).resolve().parent.parent


def nb_meta(cell) -> dict:
    return cell.metadata.get("nbgrader", {})


def strip_markers(source: str) -> str:
    return "\n".join(l for l in source.splitlines() if l.strip() not in (BEGIN, END))


def solve(released, source, answer=lambda grade_id: True):
    """``released`` with each solution cell taken from ``source`` (by grade_id); an open answer
    only where ``answer(grade_id)`` is true (the others stay "YOUR ANSWER HERE")."""
    nb = copy.deepcopy(released)
    model = {nb_meta(c)["grade_id"]: c.source for c in source.cells if nb_meta(c).get("solution")}
    for cell in nb.cells:
        meta = nb_meta(cell)
        if meta.get("solution") and (cell.cell_type == "code" or answer(meta["grade_id"])):
            cell.source = strip_markers(model[meta["grade_id"]])
    return nb


def _defined(tree: ast.Module) -> dict[str, ast.AST]:
    return {n.name: n for n in tree.body if isinstance(n, (ast.FunctionDef, ast.ClassDef))}


def apply_mutants(nb, cases: list[Case]):
    """A copy of ``nb`` where each function a mutant defines replaces the cell's function of the
    same name (the mutant's imports are added at the top of that cell)."""
    nb = copy.deepcopy(nb)
    for case in cases:
        text = case.path.read_text()
        tree = ast.parse(text)
        imports = [ast.get_source_segment(text, n) for n in tree.body
                   if isinstance(n, (ast.Import, ast.ImportFrom))]
        for name, node in _defined(tree).items():
            new = ast.get_source_segment(text, node)
            for cell in nb.cells:
                if cell.cell_type != "code" or f"def {name}" not in cell.source:
                    continue
                old = _defined(ast.parse(cell.source)).get(name)
                if old is None:
                    continue
                lines = cell.source.splitlines()
                lines[old.lineno - 1 - len(old.decorator_list): old.end_lineno] = new.splitlines()
                cell.source = "\n".join(imports + lines)
                break
            else:
                raise LookupError(f"{case.name}: no cell of the notebook defines {name}")
    return nb


def mutants_of(stem: str) -> list[Case]:
    return [read_case(p) for p in sorted((ROOT / "tests" / "mutants").glob(f"{stem}__*.py"))]


def pick_mutants(stem: str, k: int = 3, prefer: tuple[str, ...] = ()) -> list[Case]:
    """Up to ``k`` mutants of ``stem`` that redefine different functions and fail different
    checks, so together they fail exactly the union of their ``MUST_FAIL``: those named in
    ``prefer`` (``"no_sigmoid"`` for ``<stem>__no_sigmoid.py``) first, then those that fail the
    fewest checks."""
    chosen, names, checks = [], set(), set()
    rank = {f"{stem}__{p}": i for i, p in enumerate(prefer)}
    cases = sorted(mutants_of(stem), key=lambda c: (rank.get(c.name, len(rank)),
                                                     len(c.must_fail), c.name))
    for case in cases:
        defined = set(_defined(ast.parse(case.path.read_text())))
        if defined & names or set(case.must_fail) & checks:
            continue
        chosen.append(case)
        names |= defined
        checks |= set(case.must_fail)
        if len(chosen) == k:
            break
    return chosen


def expected_score(checks, cases: list[Case]) -> int:
    """The points of the checks that none of ``cases`` must fail."""
    failed = {name for case in cases for name in case.must_fail}
    return sum(c.points for c in checks if c.name not in failed)
