"""The student notebooks run top to bottom in a real kernel, and their check cell grades them."""

from pathlib import Path

import nbformat
import pytest

from autograder.checks import registry

ROOT = Path(__file__).resolve().parents[2]


def execute(nb, cwd: Path):
    from nbclient import NotebookClient

    # "python3" is the environment's own kernel (ipykernel installs it into the venv)
    NotebookClient(
        nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(cwd)}}
    ).execute()
    return nb


def outputs_text(nb) -> str:
    return "\n".join(
        o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.outputs
    )


@pytest.mark.slow
def test_the_stub_notebook_runs_and_reports_not_attempted():
    nb = nbformat.read(ROOT / "exercises" / "e03_mnist_loss.ipynb", as_version=4)
    text = outputs_text(execute(nb, ROOT / "exercises"))
    assert "NOT ATTEMPTED" in text and "TOTAL" in text


@pytest.mark.slow
def test_a_solved_notebook_gets_full_marks_from_its_check_cell():
    import jupytext

    nb = nbformat.read(ROOT / "exercises" / "e03_mnist_loss.ipynb", as_version=4)
    solved = jupytext.reads(
        (ROOT / "solutions" / "e03_mnist_loss.py").read_text(), fmt="py:percent"
    )
    nb.cells = solved.cells + nb.cells[-2:]  # the solution's cells, then "check your work"
    text = outputs_text(execute(nb, ROOT / "exercises"))
    total = [line for line in text.splitlines() if line.startswith("TOTAL")]
    possible = registry.exercise("e03_mnist_loss").possible
    assert total and total[0].split()[1] == f"{possible}/{possible}", text
