"""The exercise notebooks as JupyterLab opens them: through jupytext's contents manager (installed
with the project, so JupyterLab reads every notebook through it), without a browser."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import nbformat
import pytest
from jupytext import TextFileContentsManager

from autograder.core.exercise import STEMS

ROOT = Path(__file__).resolve().parents[2]
EXERCISES = [s for s in STEMS if (ROOT / "exercises" / f"{s}.ipynb").exists()]


@pytest.fixture
def folder(tmp_path):
    copy = tmp_path / "exercises"
    shutil.copytree(ROOT / "exercises", copy, ignore=shutil.ignore_patterns("__pycache__"))
    return copy


def cells(model) -> list[tuple[str, str]]:
    return [(c["cell_type"], c["source"]) for c in model["content"]["cells"]]


@pytest.mark.parametrize("stem", EXERCISES)
def test_jupyterlab_shows_the_notebook_as_built(folder, stem):
    """The first cell is the note saying where the file comes from (markdown, not a comment in
    a code cell), the last one the check cell: what the build wrote, cell for cell."""
    shown = TextFileContentsManager(root_dir=str(folder)).get(f"{stem}.ipynb")
    built = nbformat.read(folder / f"{stem}.ipynb", as_version=4)
    assert cells(shown) == [(c.cell_type, c.source) for c in built.cells]
    assert shown["content"]["cells"][0]["cell_type"] == "markdown"
    assert "GENERATED from" in shown["content"]["cells"][0]["source"]
    if stem != "questionnaire":
        assert f'check("{stem}", globals())' in shown["content"]["cells"][-1]["source"]


@pytest.mark.parametrize("stem", [s for s in EXERCISES if s != "questionnaire"])
def test_the_py_opened_as_a_notebook_has_the_same_cells(folder, stem):
    """Opened with jupytext ("Open With > Notebook"), the .py is the same notebook."""
    as_notebook = TextFileContentsManager(root_dir=str(folder)).get(f"{stem}.py", type="notebook")
    built = nbformat.read(folder / f"{stem}.ipynb", as_version=4)
    assert cells(as_notebook) == [(c.cell_type, c.source) for c in built.cells]


def test_a_notebook_saved_by_another_tool_after_its_py_opens_as_saved(folder):
    """The bug: a notebook paired with its .py by jupytext, saved by another tool (nbformat, VS
    Code) after the .py, was refused by JupyterLab ("more recent than ..."). Unpaired, it opens,
    showing what was saved."""
    stem = "e03_mnist_loss"
    nb = nbformat.read(folder / f"{stem}.ipynb", as_version=4)
    nb.cells.insert(2, nbformat.v4.new_markdown_cell("a note written in another editor"))
    py = folder / f"{stem}.py"
    os.utime(py, (time.time() - 60,) * 2)
    nbformat.write(nb, folder / f"{stem}.ipynb")
    shown = TextFileContentsManager(root_dir=str(folder)).get(f"{stem}.ipynb")
    assert ("markdown", "a note written in another editor") in cells(shown)
    assert "jupytext" not in shown["content"]["metadata"]  # not paired with the .py
