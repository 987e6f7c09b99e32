"""The students' exercise files, from ``solutions/<stem>.py``.

``solutions/<stem>.py`` is a jupytext "percent" script: markdown cells (``# %% [markdown]``) and
code cells (``# %%``), with the student's part of each function between the solution markers
(:mod:`autograder.core.markers`). This generator writes, for each exercise, the same cells twice:

- ``exercises/<stem>.py``: the stub module that ``pytest exercises`` grades, each solution region
  replaced by ``raise NotImplementedError(...)`` naming the exercise and where its hint is; a
  markdown cell saying where it comes from first, a "check your work" cell last;
- ``exercises/<stem>.ipynb``: the notebook that ``jupytext`` reads from that text, cell for cell
  (opened as a notebook, the ``.py`` shows the same first cell, a note, not a code cell).

The two are not paired by jupytext: a paired notebook that another tool saved after its ``.py``
(VS Code, nbformat, a copy from a colleague) is refused by JupyterLab, whose jupytext takes a
notebook's code from the ``.py`` and will not drop the newer notebook's. Students work in either
file; the grader grades the one saved last (:mod:`autograder.frontends.graded`).

The check cell runs only where ``__name__ == "__main__"`` (a notebook's kernel): the grader loads
the ``.py`` as a module in its isolated worker, where it does nothing and imports nothing.

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
from autograder.core.pytest_setup import CONFTEST

#: The import line of a notebook's check cell (the notebook front end).
CHECK_IMPORT = "from autograder.frontends.notebook import check, hint"


def _banner(stem: str) -> str:
    return banner(f"{SOLUTIONS}/{stem}.py", "stub module and notebook", students=True)


def exercise_script(stub: str, stem: str) -> str:
    """The stub with a note cell first and the check cells last: ``exercises/<stem>.py``."""
    check_md = ("Run the cell below: it grades the functions defined in this notebook with the\n"
                f'# same checks as `pytest exercises`. Stuck? `hint("{stem}")` gives a nudge,\n'
                f'# `hint("{stem}", 2)` says more.')
    return (
        f"# %% [markdown]\n# *{_banner(stem)}*\n\n"
        f"{stub.rstrip()}\n\n\n"
        f"# %% [markdown]\n# ## Check your work\n#\n# {check_md}\n\n"
        "# %%\n"
        'if __name__ == "__main__":  # in the notebook; nothing when the grader loads this file\n'
        f"    {CHECK_IMPORT}\n\n"
        f'    check("{stem}", globals())\n'
    )


def to_notebook(script: str, stem: str, title: str):
    """The cells of ``script`` (a percent script, read as jupytext reads it) as a notebook."""
    import jupytext

    nb = jupytext.reads(script, fmt="py:percent")
    for i, cell in enumerate(nb.cells):
        plain_cell(cell, f"{stem}-{i:02d}")  # stable ids: the build is reproducible byte for byte
    nb.metadata = notebook_metadata(title)  # not paired: see the module's docstring
    return nb


def outputs(root: Path = ROOT) -> list[Output]:
    """The stub module and the notebook of every exercise that has a solution under ``root``."""
    import nbformat

    result = []
    for stem in STEMS:
        src = solution(stem, root)
        if not src.exists():
            continue
        script = exercise_script(strip_solutions(src.read_text(), stem, str(src)), stem)
        result.append(Output(root / EXERCISES / f"{stem}.py", script))
        nb = to_notebook(script, stem, registry.exercise(stem).title)
        result.append(Output(root / EXERCISES / f"{stem}.ipynb", nbformat.writes(nb) + "\n"))
    result.append(Output(root / EXERCISES / "conftest.py", CONFTEST))
    return result


