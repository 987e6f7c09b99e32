"""Opening a student's file for grading in an isolated worker.

The grader reads the file (a ``.py`` module, or the code cells of a ``.ipynb`` notebook) and
compiles it here, without running it, so that a file Python cannot read is reported before any
worker starts. The text is then sent to a fresh worker (:mod:`autograder.sandbox`), which runs it
as a real module: the student's code never runs in the grader's process.

What the worker allows the student to import comes from the stub itself (:func:`stub_imports`):
the stub is the contract.
"""

from __future__ import annotations

import ast
import json
from functools import cache
from pathlib import Path

from autograder.core.errors import SubmissionError
from autograder.core.paths import EXERCISES, ROOT
from autograder.sandbox.guard import PROTECTED

_BINARY_HINT = ("Save it again from your editor as plain Python text (UTF-8), or delete it and copy "
                "the stub from exercises/ again.")


def notebook_source(path: Path) -> str:
    """The code cells of a notebook as one Python source, IPython magics and shell lines commented.

    Each cell starts with ``# cell N`` so a line number can be found in the notebook.
    Raises :class:`SubmissionError` for a file that is not a readable notebook.
    """
    try:
        nb = json.loads(Path(path).read_text(encoding="utf-8"))
        cells = nb["cells"]
    except (UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError) as err:
        raise SubmissionError(
            f"{path} is not a notebook Jupyter can read ({type(err).__name__}: {err}). Open it in "
            "JupyterLab and save it again, or delete it to have the .py graded instead."
        ) from None
    parts = []
    for i, cell in enumerate(cells):
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        source = cell.get("source", "")
        source = "".join(source) if isinstance(source, list) else str(source)
        if grader_only_cell(source):
            continue  # the check cell: the grader's, not the student's code
        lines = [
            f"# (IPython) {line}" if line.lstrip().startswith(("%", "!")) else line
            for line in source.splitlines()
        ]
        parts.append(f"# cell {i}\n" + "\n".join(lines))
    return "\n\n".join(parts) + "\n"


def read_source(path: Path) -> str:
    """The Python text of a submission file, checked to compile (it is not run here)."""
    path = Path(path)
    if path.suffix == ".ipynb":
        text = notebook_source(path)
    else:
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            raise SubmissionError(f"{path} is not a text file Python can read. {_BINARY_HINT}") from None
        if "\x00" in text:
            raise SubmissionError(f"{path} holds binary data (a NUL byte). {_BINARY_HINT}")
    return compiled(text, str(path))


def compiled(text: str, path: str) -> str:
    """``text``, checked to compile (it is not run here); else a :class:`SubmissionError`
    naming ``path``, the line and the fix."""
    try:
        compile(text, path, "exec", dont_inherit=True)
    except SyntaxError as err:
        raise SubmissionError(
            f"{path}, line {err.lineno}: Python cannot read this file ({err.msg}). "
            f"Fix the syntax there first:\n    {(err.text or '').rstrip()}"
        ) from None
    except ValueError as err:  # e.g. "source code string cannot contain null bytes"
        raise SubmissionError(f"{path}: {err}. {_BINARY_HINT}") from None
    return text


@cache
def stub_imports(stem: str, root: Path = ROOT) -> dict[str, tuple[str, ...]]:
    """What the stub of ``stem`` imports from the project's own packages, e.g.
    ``{"mnist_ref.linear": ("batch_accuracy", "mnist_loss")}``: exactly what the student may import
    from them in the worker."""
    stub = Path(root) / EXERCISES / f"{stem}.py"
    if not stub.exists():
        return {}
    allowed: dict[str, set[str]] = {}
    for node in ast.walk(ast.parse(stub.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module.partition(".")[0] in PROTECTED:
                allowed.setdefault(node.module, set()).update(a.name for a in node.names)
    return {module: tuple(sorted(names)) for module, names in allowed.items()}


#: What a notebook's grading cells call: such a cell is the grader's, never the student's code.
GRADER_CALLS = ("check", "run_check", "hint", "check_question", "reveal", "mark", "progress")


def grader_only_cell(source: str) -> bool:
    """True for a cell that only imports and calls the grader (a check cell, a test cell, a copy
    of one, the questionnaire's ``from autograder... import reveal``): it is left out of the code
    sent to the worker, where importing the grader is refused."""
    lines = [f"# {line}" if line.lstrip().startswith(("%", "!")) else line
             for line in source.splitlines()]
    try:
        tree = ast.parse("\n".join(lines))
    except SyntaxError:
        return False
    return bool(tree.body) and all(_graders(node) for node in tree.body)


def _graders(node: ast.stmt) -> bool:
    if isinstance(node, ast.ImportFrom):
        return (node.module or "").partition(".")[0] == "autograder"
    if isinstance(node, ast.Import):
        return all(a.name.partition(".")[0] == "autograder" for a in node.names)
    if isinstance(node, ast.Expr) and isinstance(node.value, ast.Call):
        return getattr(node.value.func, "id", getattr(node.value.func, "attr", "")) in GRADER_CALLS
    if isinstance(node, ast.If) and not node.orelse and "__main__" in ast.unparse(node.test):
        return all(_graders(n) for n in node.body)
    return False
