"""The students' exercise files, from ``solutions/<stem>.py``.

``solutions/<stem>.py`` is a jupytext "percent" script: markdown cells (``# %% [markdown]``) and
code cells (``# %%``), with the student's part of each function between the solution markers
(:mod:`autograder.core.markers`). This generator writes

- ``exercises/<stem>.py``: the stub module that ``pytest exercises`` grades, each solution region
  replaced by ``raise NotImplementedError(...)`` naming the exercise and where its hint is;
- ``exercises/<stem>.ipynb``: the same cells as a notebook (paired with the ``.py`` by jupytext),
  ending with a "check your work" cell.

The questionnaire has no ``solutions/questionnaire.py`` (its source is a yaml):
:mod:`autograder.build.quiz_files` writes its files.
"""

from __future__ import annotations

from pathlib import Path

from autograder.checks import registry
from autograder.core.exercise import STEMS
from autograder.core.files import Output, notebook_metadata, plain_cell
from autograder.core.markers import banner, strip_solutions
from autograder.core.paths import EXERCISES, ROOT, SOLUTIONS, solution

#: The import line of a notebook's check cell (the notebook front end).
CHECK_IMPORT = "from autograder.frontends.notebook import check, hint"


def _banner(stem: str, kind: str) -> str:
    return banner(f"{SOLUTIONS}/{stem}.py", kind, students=True)


def to_notebook(script: str, stem: str, title: str, check_cell: bool = True):
    """A notebook of the script's cells, with a generated-from note first and a check cell last."""
    import jupytext
    import nbformat

    nb = jupytext.reads(script, fmt="py:percent")
    nb.cells.insert(0, nbformat.v4.new_markdown_cell(f"*{_banner(stem, 'notebook')}*"))
    if check_cell:
        nb.cells.append(
            nbformat.v4.new_markdown_cell(
                "## Check your work\n\nRun the cell below: it grades the functions defined in this "
                "notebook with the same checks as `pytest exercises`. `hint(...)` gives a nudge; "
                "ask for the next level when you need more."
            )
        )
        nb.cells.append(nbformat.v4.new_code_cell(f"{CHECK_IMPORT}\n\ncheck({stem!r}, globals())"))
    for i, cell in enumerate(nb.cells):
        plain_cell(cell, f"{stem}-{i:02d}")  # stable ids: the build is reproducible byte for byte
    nb.metadata = notebook_metadata(title, paired=True)
    return nb


def outputs(root: Path = ROOT) -> list[Output]:
    """The stub module and the notebook of every exercise that has a solution under ``root``."""
    import nbformat

    result = []
    for stem in STEMS:
        src = solution(stem, root)
        if not src.exists():
            continue
        stub = strip_solutions(src.read_text(), stem, str(src))
        header = f"# {_banner(stem, 'stub module')}\n"
        result.append(Output(root / EXERCISES / f"{stem}.py", header + stub))
        nb = to_notebook(stub, stem, registry.exercise(stem).title)
        result.append(Output(root / EXERCISES / f"{stem}.ipynb", nbformat.writes(nb) + "\n"))
    return result
