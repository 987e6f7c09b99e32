"""One source of truth: generate every student-facing file from ``solutions/``.

``solutions/<stem>.py`` is a jupytext "percent" script: markdown cells (``# %% [markdown]``) and
code cells (``# %%``), with the student's part of each function between nbgrader's markers
``### BEGIN SOLUTION`` and ``### END SOLUTION``. :func:`build` writes

- ``exercises/<stem>.py``: the stub module that ``pytest exercises`` grades, each solution region
  replaced by ``raise NotImplementedError(...)`` naming the exercise and where its hint is;
- ``exercises/<stem>.ipynb``: the same cells as a notebook (paired with the ``.py`` by jupytext),
  ending with a "check your work" cell.

Generated files say so in their first line; ``mnist-grade build --check`` fails when one is stale.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

BEGIN, END = "### BEGIN SOLUTION", "### END SOLUTION"
ROOT = Path(__file__).resolve().parent.parent
_DEF = re.compile(r"^(\s*)(?:def|class)\s+(\w+)")


class BuildError(ValueError):
    """A solution file breaks the rules of the build (unbalanced markers, a region outside code)."""


def header(stem: str, kind: str) -> str:
    return (
        f"GENERATED from solutions/{stem}.py by `mnist-grade build` ({kind}). Maintainers: edit the "
        "solution, then rebuild. Students: replace each `raise NotImplementedError` with your code."
    )


def _enclosing_name(lines: list[str], index: int, indent: int) -> str:
    """The ``def``/``class`` names around line ``index`` (``BasicOptim.step``), innermost last."""
    names, limit = [], indent
    for line in reversed(lines[:index]):
        m = _DEF.match(line)
        if m and len(m.group(1)) < limit:
            names.insert(0, m.group(2))
            limit = len(m.group(1))
            if limit == 0:
                break
    return ".".join(names) or "this cell"


def strip_solutions(source: str, stem: str, path: str = "") -> str:
    """Replace each solution region (markers included) by a ``raise NotImplementedError``."""
    lines, out, i = source.splitlines(), [], 0
    while i < len(lines):
        line = lines[i]
        if line.strip() == BEGIN:
            try:
                end = next(j for j in range(i + 1, len(lines)) if lines[j].strip() == END)
            except StopIteration:
                raise BuildError(f"{path}:{i + 1}: {BEGIN} has no matching {END}") from None
            indent = line[: len(line) - len(line.lstrip())]
            name = _enclosing_name(lines, i, len(indent))
            out.append(
                f'{indent}raise NotImplementedError("{stem}: write {name} here '
                f'(stuck? mnist-grade hint {stem})")'
            )
            i = end + 1
            continue
        if line.strip() == END:
            raise BuildError(f"{path}:{i + 1}: {END} without a {BEGIN} before it")
        out.append(line)
        i += 1
    return "\n".join(out) + "\n"


def strip_markers(source: str) -> str:
    """The solution with the marker lines removed (what the reference answer looks like)."""
    return "\n".join(l for l in source.splitlines() if l.strip() not in (BEGIN, END)) + "\n"


def to_notebook(script: str, stem: str, title: str, check_cell: bool = True):
    """A notebook of the script's cells, with a generated-from note first and a check cell last."""
    import jupytext
    import nbformat

    nb = jupytext.reads(script, fmt="py:percent")
    nb.cells.insert(0, nbformat.v4.new_markdown_cell(f"*{header(stem, 'notebook')}*"))
    if check_cell:
        nb.cells.append(
            nbformat.v4.new_markdown_cell(
                "## Check your work\n\nRun the cell below: it grades the functions defined in this "
                "notebook with the same checks as `pytest exercises`. `hint(...)` gives a nudge; "
                "ask for the next level when you need more."
            )
        )
        nb.cells.append(
            nbformat.v4.new_code_cell(
                f"from autograder.notebook import check, hint\n\ncheck({stem!r}, globals())"
            )
        )
    for i, cell in enumerate(nb.cells):
        cell.id = f"{stem}-{i:02d}"  # stable ids: the build is reproducible byte for byte
        cell.metadata = {}
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    nb.metadata = {
        "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
        "jupytext": {"formats": "ipynb,py:percent"},
        "title": title,
    }
    return nb


@dataclass
class Output:
    path: Path
    text: str


def outputs(root: Path = ROOT) -> list[Output]:
    """Every generated file and its content, from the solutions under ``root``."""
    import nbformat

    from autograder import registry

    result = []
    for stem in registry.STEMS:
        src = root / "solutions" / f"{stem}.py"
        if not src.exists():
            continue
        stub = f"# {header(stem, 'stub module')}\n" + strip_solutions(
            src.read_text(), stem, str(src)
        )
        result.append(Output(root / "exercises" / f"{stem}.py", stub))
        title = registry.exercise(stem).title
        nb = to_notebook(strip_solutions(src.read_text(), stem, str(src)), stem, title)
        result.append(Output(root / "exercises" / f"{stem}.ipynb", nbformat.writes(nb) + "\n"))
    from autograder.course import outputs as course_outputs  # the nbgrader course (issue 5)

    result += course_outputs(root)
    from autograder.questionnaire import outputs as quiz_outputs

    result += quiz_outputs(root)
    from autograder.readme import outputs as readme_outputs  # the README's generated regions

    result += readme_outputs(root)
    return result


def build(root: Path = ROOT, check: bool = False) -> list[Path]:
    """Write the generated files; with ``check``, write nothing and return the stale ones."""
    stale = []
    for out in outputs(root):
        current = out.path.read_text() if out.path.exists() else None
        if current != out.text:
            stale.append(out.path)
            if not check:
                out.path.parent.mkdir(parents=True, exist_ok=True)
                out.path.write_text(out.text)
    return stale
