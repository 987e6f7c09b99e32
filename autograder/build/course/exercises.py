"""The source notebook of one exercise, for nbgrader, from ``solutions/<stem>.py``.

The solution script's cells, in order: markdown read-only, each code cell with a solution region a
solution cell (nbgrader strips the region when it releases the notebook), other code cells as
they are; then one read-only autograder test cell per check of the exercise, worth the check's
points, that calls :func:`autograder.frontends.nbgrader_cell.run_check`. Which checks are hidden:
:func:`is_hidden`.
"""

from __future__ import annotations

import re
from pathlib import Path

from autograder.build.course import cells
from autograder.checks import registry
from autograder.core.markers import BEGIN, banner
from autograder.core.model import DEFAULT_TIMEOUT, Check
from autograder.core.paths import solution

#: Checks hidden on purpose besides the training checks, per exercise: they test a property the
#: visible checks do not reveal, so that a student cannot code against the test.
EXTRA_HIDDEN: dict[str, set[str]] = {
    "e03_mnist_loss": {"mnist_loss_gradient"},
}

_DEF = re.compile(r"^(?:def|class)\s+(\w+)", re.MULTILINE)


def is_hidden(check: Check) -> bool:
    """Hidden in nbgrader: marked ``hidden``, a training check (a longer time limit: they train
    on the real data, so they run at grading time), or listed in :data:`EXTRA_HIDDEN`."""
    return (check.hidden or check.timeout > DEFAULT_TIMEOUT
            or check.name in EXTRA_HIDDEN.get(check.exercise, set()))


def header(stem: str, source: str) -> str:
    return (
        f"<!-- {banner(source)} -->\n"
        "*Chapter 4 course. Replace each `raise NotImplementedError()` with your code, then run "
        "all cells: each **Check** cell at the end grades your code, with the same checks as "
        "`pytest exercises`. Hidden checks run when your work is graded; their messages appear "
        "in your feedback. Do not delete, copy or edit the read-only cells.*"
    )


def solution_cells(script: str, stem: str) -> list:
    """The cells of a jupytext percent script, as nbgrader cells."""
    import jupytext

    out, seen = [], set()
    for i, cell in enumerate(jupytext.reads(script, fmt="py:percent").cells):
        if cell.cell_type == "markdown":
            out.append(cells.markdown(cell.source, f"{stem}-md-{i:02d}"))
        elif BEGIN in cell.source:
            names = _DEF.findall(cell.source)
            grade_id = f"solution-{names[0]}" if names else f"solution-{i:02d}"
            if grade_id in seen:
                grade_id = f"{grade_id}-{i:02d}"
            seen.add(grade_id)
            out.append(cells.solution(cell.source, grade_id))
        else:
            out.append(cells.code(cell.source, f"{stem}-code-{i:02d}"))
    return out


def test_cells(stem: str, checks: list[Check]) -> list:
    """The ``## Checks`` heading and one test cell per check."""
    intro = cells.markdown(
        "## Checks\n\nEach cell below grades one property of your code and says why when it "
        "does not pass. Run them after the cells above.", f"{stem}-checks")
    return [intro] + [cells.test(stem, c, is_hidden(c)) for c in checks]


def exercise_notebook(root: Path, stem: str):
    """The nbgrader source notebook of exercise ``stem``."""
    ex = registry.exercise(stem)
    script = solution(stem, root).read_text()
    body = [cells.markdown(header(stem, f"solutions/{stem}.py"), f"{stem}-header")]
    body += solution_cells(script, stem) + test_cells(stem, ex.checks)
    return cells.notebook(body, ex.title)
