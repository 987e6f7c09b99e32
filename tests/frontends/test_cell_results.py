"""What the notebook cells leave under themselves: the check cell its table and nothing else, an
nbgrader test cell its result line and no ``execute_result`` (nbgrader would read one as a
partial score)."""

from __future__ import annotations

from pathlib import Path

from IPython.core.formatters import DisplayFormatter

from autograder.core.model import Status
from autograder.frontends.nbgrader_cell import CellResult, run_check
from autograder.frontends.notebook import check

ROOT = Path(__file__).resolve().parents[2]
SOLUTION = (ROOT / "solutions" / "e02_distances.py").read_text()


def kernel(source: str) -> dict:
    """A notebook's globals after running ``source`` as one cell (IPython's ``In`` included)."""
    namespace = {"__name__": "__main__", "In": ["", source]}
    exec(compile(source, "<cell>", "exec"), namespace)  # noqa: S102 - the model answer
    return namespace


def test_the_check_cell_prints_the_table_and_returns_nothing(capsys):
    assert check("e02_distances", kernel(SOLUTION)) is None  # no Report(...) under the table
    out = capsys.readouterr().out
    assert "TOTAL" in out and "10/10" in out and "Report(" not in out


def test_a_test_cells_result_shows_nothing_under_the_cell(capsys):
    result = run_check("e02_distances", "is_3_values", kernel(SOLUTION))
    assert isinstance(result, CellResult) and result.status is Status.PASSED
    assert "PASSED" in capsys.readouterr().out
    assert DisplayFormatter().format(result) == ({}, {})  # what IPython would show: nothing
    assert repr(result) == f"<e02_distances::is_3_values passed {result.points}/{result.points}>"
