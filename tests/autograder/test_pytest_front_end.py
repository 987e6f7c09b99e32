"""``pytest exercises`` end to end, on submissions written into a temporary folder.

Exercise 3 (mnist_loss) stands in for all: the machinery is the same for every exercise.
"""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from grading_run import run_pytest_exercises

ROOT = Path(__file__).resolve().parents[2]
SOLUTION = (ROOT / "solutions" / "e03_mnist_loss.py").read_text()


def grade(target: Path | None, tmp_path: Path, *extra: str, exercise="e03_mnist_loss"):
    where = ["--target", str(target)] if target is not None else []
    out, data = run_pytest_exercises([str(ROOT / "exercises" / f"{exercise}.py")], tmp_path,
                                     *extra, *where, timeout=300,
                                     env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})
    checks = {c["name"]: c for e in data["exercises"] for c in e["checks"]}
    return out, data, checks


def submit(tmp_path: Path, source: str, name="e03_mnist_loss.py") -> Path:
    folder = tmp_path / "submission"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(source)
    return folder


@pytest.mark.slow  # 6-7 s; tests/autograder/test_all_exercises.py grades every solution and stub by default
def test_the_solution_gets_full_marks(tmp_path):
    out, data, checks = grade(ROOT / "solutions", tmp_path)
    assert out.returncode == 0, out.stdout
    assert data["score"] == data["possible"] > 0
    assert {c["status"] for c in checks.values()} == {"passed"}
    assert "PASSED 2/2" in out.stdout  # each check is shown with its points
    assert "TOTAL" in out.stdout and f"{data['possible']}/{data['possible']}" in out.stdout


@pytest.mark.slow  # 6-7 s; tests/autograder/test_all_exercises.py grades every solution and stub by default
def test_untouched_stub_scores_zero_and_every_check_is_not_attempted(tmp_path):
    out, data, checks = grade(None, tmp_path)
    assert out.returncode == 1
    assert data["score"] == 0
    assert {c["status"] for c in checks.values()} == {"not_attempted"}
    assert "NOT ATTEMPTED" in out.stdout


def test_an_exception_is_an_error_at_the_students_file_and_line(tmp_path):
    broken = SOLUTION.replace(
        "predictions = predictions.sigmoid()", "predictions = predictions.sigmod()"
    )
    _, data, checks = grade(submit(tmp_path, broken), tmp_path)
    lineno = broken.splitlines().index("    predictions = predictions.sigmod()") + 1
    msg = checks["mnist_loss_values"]["message"]
    assert checks["mnist_loss_values"]["status"] == "error"
    assert "AttributeError" in msg and f"e03_mnist_loss.py, line {lineno}" in msg
    assert checks["sigmoid_values"]["status"] == "passed"  # the other checks still score


@pytest.mark.slow  # 6-7 s, a pytest run in a subprocess
def test_a_wrong_value_names_the_likely_cause_and_the_book_section(tmp_path):
    wrong = SOLUTION.replace("    predictions = predictions.sigmoid()\n", "")
    _, _, checks = grade(submit(tmp_path, wrong), tmp_path)
    msg = checks["mnist_loss_values"]["message"]
    assert checks["mnist_loss_values"]["status"] == "wrong"
    assert "expected: tensor of shape []" in msg and "got:" in msg
    assert "likely cause: no sigmoid" in msg and "The MNIST Loss Function" in msg


@pytest.mark.slow  # 6-7 s, a pytest run in a subprocess
def test_a_training_check_states_its_seed_device_and_data(tmp_path):
    swapped = SOLUTION.replace("torch.where(targets == 1, 1 - predictions, predictions)",
                               "torch.where(targets == 1, predictions, 1 - predictions)")
    _, _, checks = grade(submit(tmp_path, swapped), tmp_path)
    msg = checks["mnist_loss_trains"]["message"]
    assert checks["mnist_loss_trains"]["status"] == "wrong"
    assert "seed 42, device cpu, data mnist_sample:" in msg and "below" in msg


@pytest.mark.slow  # 6-7 s, a pytest run in a subprocess
def test_a_renamed_function_is_an_error_that_says_so(tmp_path):
    renamed = SOLUTION.replace("def mnist_loss(", "def my_loss(")
    _, _, checks = grade(submit(tmp_path, renamed), tmp_path)
    assert checks["mnist_loss_values"]["status"] == "error"
    assert "has no `mnist_loss`" in checks["mnist_loss_values"]["message"]


def test_a_syntax_error_is_reported_once_per_check_with_its_line(tmp_path):
    _, data, checks = grade(
        submit(tmp_path, SOLUTION.replace("return xb @ weights + bias", "return xb @ weights +")),
        tmp_path,
    )
    assert data["score"] == 0
    assert all(
        c["status"] == "error" and "Python cannot read this file" in c["message"]
        for c in checks.values()
    )


def test_a_missing_file_in_the_target_folder_is_an_error(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    _, _, checks = grade(empty, tmp_path)
    assert all(c["status"] == "error" and "does not exist" in c["message"] for c in checks.values())


@pytest.mark.slow  # 6-7 s, a pytest run in a subprocess
def test_gradescope_results(tmp_path):
    path = tmp_path / "results.json"
    grade(ROOT / "solutions", tmp_path, "--gradescope", str(path))
    data = json.loads(path.read_text())
    assert data["score"] == sum(t["max_score"] for t in data["tests"])
    assert all(t["status"] == "passed" for t in data["tests"])


@pytest.mark.slow  # 6-7 s, a pytest run in a subprocess
def test_a_notebook_saved_after_the_module_is_the_one_graded(tmp_path):
    import nbformat

    folder = tmp_path / "student"
    shutil.copytree(ROOT / "exercises", folder, ignore=shutil.ignore_patterns("__pycache__"))
    nb = nbformat.read(folder / "e03_mnist_loss.ipynb", as_version=4)
    solved = nbformat.read(folder / "e03_mnist_loss.ipynb", as_version=4)
    import jupytext

    solved = jupytext.reads(SOLUTION, fmt="py:percent")
    nb.cells = solved.cells + [nbformat.v4.new_code_cell("%matplotlib inline")]
    py = folder / "e03_mnist_loss.py"
    os.utime(py, (py.stat().st_mtime - 60,) * 2)
    nbformat.write(nb, folder / "e03_mnist_loss.ipynb")
    out, data, _ = grade(folder, tmp_path)
    assert data["score"] == data["possible"], out.stdout
    assert "e03_mnist_loss.ipynb (the notebook, saved after e03_mnist_loss.py)" in out.stdout


@pytest.mark.parametrize("name", ["e03_mnist_loss"])
def test_hint_levels(name):
    out = subprocess.run(
        [sys.executable, "-m", "autograder.cli", "hint", name, "2"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "hint 2 of 3" in out.stdout and "mnist-grade hint e03_mnist_loss 3)" in out.stdout
