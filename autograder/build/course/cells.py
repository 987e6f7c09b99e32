"""nbgrader cells (metadata schema version 3) for the course notebooks.

Every kind of cell the course uses, built one way: read-only markdown, a solution cell (the
``### BEGIN SOLUTION`` / ``### END SOLUTION`` region kept for nbgrader to strip), a read-only
autograder test cell that only calls :func:`autograder.frontends.nbgrader_cell.run_check`, and a manually graded
answer cell. Cell ids are derived from the nbgrader ``grade_id`` (or the notebook's stem and the
cell's position), so a rebuild is byte for byte the same.
"""

from __future__ import annotations

import re

import nbformat

from autograder.core.files import notebook_metadata

#: The import line of every test cell (the nbgrader front end).
RUN_CHECK_IMPORT = "from autograder.frontends.nbgrader_cell import run_check"
SCHEMA_VERSION = 3
BEGIN_HIDDEN, END_HIDDEN = "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS"
_ID = re.compile(r"[^a-zA-Z0-9_-]")


def cell_id(text: str) -> str:
    """A valid nbformat cell id (``[a-zA-Z0-9_-]``, at most 64 characters) made from ``text``."""
    return _ID.sub("-", text)[:64]


def _meta(grade_id: str, *, grade=False, solution=False, locked=False, points=None) -> dict:
    meta = {"grade": grade, "grade_id": grade_id, "locked": locked,
            "schema_version": SCHEMA_VERSION, "solution": solution}
    if grade:
        meta["points"] = points
    return meta


def markdown(source: str, grade_id: str):
    """A read-only markdown cell (nbgrader restores its text if a student edits it)."""
    cell = nbformat.v4.new_markdown_cell(source)
    cell.id = cell_id(grade_id)
    cell.metadata = {"deletable": False, "editable": False,
                     "nbgrader": _meta(grade_id, locked=True)}
    return cell


def code(source: str, cell_key: str):
    """An ordinary code cell (imports, set-up) that students may edit."""
    cell = nbformat.v4.new_code_cell(source)
    cell.id = cell_id(cell_key)
    return cell


def solution(source: str, grade_id: str):
    """A code cell whose ``### BEGIN/END SOLUTION`` region nbgrader replaces by a stub."""
    cell = nbformat.v4.new_code_cell(source)
    cell.id = cell_id(grade_id)
    cell.metadata = {"nbgrader": _meta(grade_id, solution=True)}
    return cell


def test(stem: str, check, hidden: bool):
    """The read-only autograder test cell of ``check``: one call, worth ``check.points``.

    Hidden: the call sits between ``### BEGIN HIDDEN TESTS`` and ``### END HIDDEN TESTS``, so the
    released notebook shows only the comment; nbgrader restores the call when it autogrades.
    """
    points = f"{check.points} point{'s' if check.points != 1 else ''}"
    call = f'run_check("{stem}", "{check.name}", globals())'
    if hidden:
        head = (f"# Hidden check ({points}): {check.description}.\n"
                "# It runs when your work is graded; its message appears in your feedback.\n")
        body = f"{BEGIN_HIDDEN}\n{call}\n{END_HIDDEN}"
    else:
        head = f"# Check ({points}): {check.description}.\n"
        body = call
    cell = nbformat.v4.new_code_cell(f"{head}{RUN_CHECK_IMPORT}\n\n{body}")
    cell.id = cell_id(f"test-{check.name}")
    cell.metadata = {"deletable": False, "editable": False,
                     "nbgrader": _meta(check.name, grade=True, locked=True, points=check.points)}
    return cell


def answer(grade_id: str, points: int, model_answer: str):
    """A manually graded markdown answer cell worth ``points``; students get nbgrader's
    "YOUR ANSWER HERE" in place of the solution region (the model answer)."""
    cell = nbformat.v4.new_markdown_cell(
        f"### BEGIN SOLUTION\n{model_answer.strip()}\n### END SOLUTION")
    cell.id = cell_id(grade_id)
    cell.metadata = {"nbgrader": _meta(grade_id, grade=True, solution=True, points=points)}
    return cell


def notebook(cells: list, title: str):
    """A notebook of ``cells`` for the venv's ``python3`` kernel."""
    nb = nbformat.v4.new_notebook()
    nb.cells = cells
    nb.metadata = notebook_metadata(title)
    return nb


def is_grade(cell) -> bool:
    return bool(cell.metadata.get("nbgrader", {}).get("grade"))


def points(nb) -> float:
    """The points of every grade cell of ``nb``, as nbgrader counts them."""
    return sum(float(c.metadata["nbgrader"]["points"]) for c in nb.cells if is_grade(c))
