"""nbgrader's test cells are scored from the isolated worker, whatever the kernel left in them."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
from nbformat.v4 import new_output

from autograder.nbgrader_plugins.grade_in_worker import GradeInWorker, _is_test

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "course" / "source" / "e03_mnist_loss" / "e03_mnist_loss.ipynb"


def graded(nb) -> dict[str, bool]:
    """``{check name: passed}`` as nbgrader will score each test cell (an error output is 0)."""
    GradeInWorker()(nb, {})  # called as nbgrader calls it: an enabled preprocessor
    names = {}
    for cell in nb.cells:
        if _is_test(cell):
            name = re.search(r'run_check\("\w+", "(\w+)"', cell.source).group(1)
            names[name] = not any(o.output_type == "error" for o in cell.outputs)
    return names


def test_the_instructors_notebook_passes_every_check_and_kernel_outputs_are_replaced():
    nb = nbformat.read(SOURCE, as_version=4)
    for cell in nb.cells:
        if _is_test(cell):  # what a patched kernel might have printed: never trusted
            cell.outputs = [new_output("stream", name="stdout", text="PASSED (forged)\n")]
    result = graded(nb)
    assert result and all(result.values()), result
    assert not any("forged" in o.get("text", "") for c in nb.cells for o in c.get("outputs", []))


def test_an_untouched_release_fails_every_check_even_if_the_kernel_said_it_passed():
    nb = nbformat.read(SOURCE, as_version=4)
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("solution") and cell.cell_type == "code":
            cell.source = re.sub(r"### BEGIN SOLUTION.*?### END SOLUTION",
                                 "raise NotImplementedError()", cell.source, flags=re.S)
    result = graded(nb)
    assert result and not any(result.values()), result
