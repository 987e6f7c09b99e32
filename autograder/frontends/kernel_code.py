"""The code a student ran in a notebook's kernel, as a source the isolated worker can load.

The notebook front ends (the "check your work" cell, nbgrader's test cells run by a student, the
questionnaire's self-check) grade what the student *defined*, not the kernel's live objects: the
kernel is the student's ground, and a check must not run there. IPython keeps every executed
cell in ``In``; from it we keep, in order, the top-level ``import`` statements, ``def`` and
``class`` definitions, and assignments of plain constants (``N_HIDDEN = 30``), and nothing else,
so exploratory cells (loading data, training for minutes, plotting) are not run again. A later
definition of a name replaces an earlier one, as in the kernel.

Cells that only call the grader (``check(...)``, ``run_check(...)``, ``hint(...)``) are left out.
"""

from __future__ import annotations

import ast

from autograder.core.errors import SubmissionError
from autograder.grading.isolated import grader_only_cell

NOTEBOOK = "<notebook>"


def _is_constant(node: ast.AST) -> bool:
    try:
        ast.literal_eval(node)
        return True
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return False


def _kept(node: ast.stmt) -> bool:
    if isinstance(node, (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.AsyncFunctionDef,
                         ast.ClassDef)):
        return True
    if isinstance(node, ast.Assign):
        return _is_constant(node.value)
    if isinstance(node, ast.AnnAssign):
        return node.value is None or _is_constant(node.value)
    return False


def _strip_magics(cell: str) -> str:
    return "\n".join(f"# (IPython) {line}" if line.lstrip().startswith(("%", "!")) else line
                     for line in cell.splitlines())


def definitions(cells: list[str]) -> str:
    """The definitions of ``cells`` (sources, in execution order) as one module source."""
    parts = []
    for i, cell in enumerate(cells):
        try:
            tree = ast.parse(_strip_magics(cell))
        except SyntaxError:
            continue  # IPython accepted it (a magic we did not recognise): it defines nothing
        lines = _strip_magics(cell).splitlines()
        kept = [node for node in tree.body if _kept(node)]
        if not kept:
            continue
        chunk = []
        for node in kept:
            start = min([node.lineno] + [d.lineno for d in getattr(node, "decorator_list", [])])
            chunk.append("\n".join(lines[start - 1:node.end_lineno]))
        parts.append(f"# executed cell {i + 1}\n" + "\n".join(chunk))
    return "\n\n".join(parts) + "\n"


def kernel_source(namespace: dict) -> str:
    """The definitions the student ran in this kernel (``namespace`` is the notebook's
    ``globals()``). Raises :class:`SubmissionError` outside IPython."""
    history = namespace.get("In")
    if not isinstance(history, list):
        raise SubmissionError(
            "this notebook's code could not be found: the check cell must run in a Jupyter "
            "notebook (IPython keeps the cells you ran). In a terminal, grade the file instead: "
            ".venv/bin/pytest exercises/<exercise>.py"
        )
    cells = [str(c) for c in history[1:] if c and not grader_only_cell(str(c))]
    return definitions(cells)
