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

import nbformat

from autograder.core.markers import strip_markers
from autograder.maint.mutants import Case, read_case

ROOT = Path(__file__).resolve().parent.parent


def nb_meta(cell) -> dict:
    return cell.metadata.get("nbgrader", {})


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


def _replace_in_place(nb, text: str, tree: ast.Module) -> bool:
    """Put each function of a mutant in place of the notebook's function of the same name; False
    (and ``nb`` untouched) when the mutant does more than define top-level functions."""
    imports = [n for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom))]
    defined = _defined(tree)
    rest = [n for n in tree.body if n not in imports and n not in defined.values()
            and not isinstance(n, (ast.Assign, ast.Expr))]  # EXERCISE, MUST_FAIL, docstring
    if rest:
        return False
    plan = []
    for name, node in defined.items():
        for cell in nb.cells:
            if cell.cell_type == "code" and f"def {name}" in cell.source:
                old = _defined(ast.parse(cell.source)).get(name)
                if old is not None:
                    plan.append((cell, old, ast.get_source_segment(text, node)))
                    break
        else:
            return False
    header = [ast.get_source_segment(text, n) for n in imports]
    for cell, old, new in plan:
        lines = cell.source.splitlines()
        lines[old.lineno - 1 - len(old.decorator_list): old.end_lineno] = new.splitlines()
        cell.source = "\n".join(header + lines)
    return True


def apply_mutants(nb, cases: list[Case]):
    """A copy of ``nb`` with the mistakes of ``cases``: each function a mutant defines replaces
    the notebook's function of the same name, in its cell (the mutant's imports added at the
    top); a mutant that patches things otherwise (``Learner.fit = fit``) becomes a code cell of
    its own after the last solution cell, as a student's later cell would."""
    nb = copy.deepcopy(nb)
    for case in cases:
        text = case.path.read_text()
        tree = ast.parse(text)
        if _replace_in_place(nb, text, tree):
            continue
        body = [ast.get_source_segment(text, n) for n in tree.body
                if not (isinstance(n, ast.Expr) or isinstance(n, ast.Assign) and any(
                    getattr(t, "id", "") in ("EXERCISE", "MUST_FAIL", "MAY_FAIL") for t in n.targets))]
        last = max(i for i, c in enumerate(nb.cells) if nb_meta(c).get("solution")
                   and c.cell_type == "code")
        cell = nbformat.v4.new_code_cell("\n\n".join(body))
        cell.id = f"mutant-{case.name}"[:64]
        nb.cells.insert(last + 1, cell)
    return nb


def mutants_of(stem: str) -> list[Case]:
    return [read_case(p) for p in sorted((ROOT / "tests" / "mutants").glob(f"{stem}__*.py"))]


def pick_mutants(stem: str, k: int = 3, prefer: tuple[str, ...] = ()) -> list[Case]:
    """Up to ``k`` mutants of ``stem`` that redefine different functions and fail different
    checks, so together they fail exactly the union of their ``MUST_FAIL``: those named in
    ``prefer`` (``"where_swapped"`` for ``<stem>__where_swapped.py``) first, then those that fail
    the fewest checks. Mutants with a ``MAY_FAIL`` (a data-dependent verdict) are left out."""
    chosen, names, checks = [], set(), set()
    rank = {f"{stem}__{p}": i for i, p in enumerate(prefer)}
    cases = sorted(mutants_of(stem), key=lambda c: (rank.get(c.name, len(rank)),
                                                     len(c.must_fail), c.name))
    for case in cases:
        if case.may_fail:  # its score depends on the data: no exact expectation
            continue
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
