"""What the notebook front ends send to the worker: the definitions a student ran, nothing else."""

from __future__ import annotations

import pytest

from autograder.core.errors import SubmissionError
from autograder.frontends.kernel_code import definitions, kernel_source


def test_definitions_keep_imports_functions_classes_and_constants_in_order():
    cells = [
        "import torch\nx = torch.randn(3)\nprint(x)",
        "N = 30\nmean3 = stacked.mean(0)\n@staticmethod\ndef f(a):\n    return a + N",
        "%matplotlib inline\nclass Model:\n    pass\nfor i in range(10**9): pass",
        "def f(a):\n    return a * 2",
    ]
    source = definitions(cells)
    ns = {}
    exec(compile(source, "<notebook>", "exec"), ns)  # noqa: S102 - our own test text
    assert ns["N"] == 30 and "mean3" not in ns and "x" not in ns and "Model" in ns
    assert ns["f"](3) == 6  # the later definition wins, as in the kernel
    assert "range(10**9)" not in source and "print(x)" not in source


def test_grader_calls_are_left_out_and_outside_ipython_it_says_what_to_do():
    ns = {"In": ["", "def g():\n    return 1", "check('e03_mnist_loss', globals())"]}
    source = kernel_source(ns)
    assert "def g" in source and "check(" not in source
    with pytest.raises(SubmissionError, match="pytest exercises"):
        kernel_source({"__name__": "__main__"})


@pytest.mark.parametrize("cell, graders", [
    ('if __name__ == "__main__":\n    from autograder.frontends.notebook import check, hint\n\n'
     '    check("e03_mnist_loss", globals())', True),
    ("from autograder.frontends.selfcheck import check_question, mark, progress, reveal", True),
    ('from autograder.frontends.nbgrader_cell import run_check\n\n'
     'run_check("e03_mnist_loss", "sigmoid_values", globals())', True),
    ("import torch\nfrom autograder.frontends.notebook import check", False),
    ("def check(x):\n    return x", False),
    ("from autograder.frontends.notebook import check\nprint(check)", False),
])
def test_the_graders_own_cells_are_recognised(cell, graders):
    from autograder.grading.isolated import grader_only_cell

    assert grader_only_cell(cell) is graders
