"""``mnist-ref`` end to end: the README's first command, its outputs, and its errors."""

import json
import os
import subprocess
import sys
import tarfile
import textwrap

import numpy as np
import pytest
from PIL import Image

from mnist_ref import report
from mnist_ref.stages import StageResult


def mnist_ref(*args, env=None, timeout=300):
    return subprocess.run(
        [sys.executable, "-m", "mnist_ref.cli", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=timeout,
    )


def test_run_on_the_embedded_default_writes_table_json_and_plots(tmp_path, embedded_env):
    env = {**embedded_env, "MNIST_REF_DATA": ""}
    out = mnist_ref(
        "run",
        "--json",
        str(tmp_path / "run.json"),
        "--plots",
        str(tmp_path / "plots"),
        "--no-progress",
        env=env,
    )
    assert out.returncode == 0, out.stdout + out.stderr
    assert "mnist_sample: embedded" in out.stdout  # the one-line data source
    assert "all at or above their thresholds" in out.stdout
    rows = json.loads((tmp_path / "run.json").read_text())
    assert [r["stage"] for r in rows][:3] == [
        "pixel_similarity_l1",
        "pixel_similarity_rmse",
        "linear_sgd",
    ]
    for row in rows:
        assert {"stage", "accuracy", "threshold", "passed", "seconds", "device", "data"} <= set(row)
        assert row["passed"] is True and row["device"] == "cpu"
    names = {p.name for p in (tmp_path / "plots").iterdir()}
    assert names == {
        "mean_digits.png",
        "accuracy_curves.png",
        "sigmoid.png",
        "relu.png",
        "hidden_units.png",
    }


def test_unknown_stage_is_a_clear_error():
    out = mnist_ref("run", "--stages", "linear_sgd,not_a_stage")
    assert out.returncode == 2
    assert "not_a_stage" in out.stderr and "pixel_similarity_l1" in out.stderr


def test_missing_data_folder_names_the_path_and_the_fix(tmp_path):
    missing = tmp_path / "nowhere"
    out = mnist_ref("run", "--stages", "pixel_similarity_l1", "--data", str(missing))
    assert out.returncode == 2
    assert str(missing) in out.stderr and "Traceback" not in out.stderr


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX paths")
def test_stages_lists_every_stage():
    out = mnist_ref("stages")
    assert (
        out.returncode == 0
        and "resnet18_fastai" in out.stdout
        and "simple_net_fastai" in out.stdout
    )


# --- data that serves only some stages: a folder holding mnist_sample.tgz and nothing else ------


def sample_only_folder(tmp_path, per_class=6):
    """A folder holding only a tiny ``mnist_sample.tgz`` (random 28x28 PNGs in fastai's layout).

    It is not the complete MNIST_SAMPLE, so no threshold is recorded for it: every stage that
    runs on it is "not judged".
    """
    rng = np.random.default_rng(0)
    tree = tmp_path / "tree" / "mnist_sample"
    for split in ("train", "valid"):
        for digit in (3, 7):
            folder = tree / split / str(digit)
            folder.mkdir(parents=True)
            for i in range(per_class):
                pixels = rng.integers(0, 256, size=(28, 28), dtype=np.uint8)
                Image.fromarray(pixels).save(folder / f"{i}.png")
    data = tmp_path / "data"
    data.mkdir()
    with tarfile.open(data / "mnist_sample.tgz", "w:gz") as tar:
        tar.add(tree, arcname="mnist_sample")
    return data


def run_in_process(args, env):
    """``mnist-ref ARGS`` in a fresh interpreter that reports which heavy packages it imported."""
    script = textwrap.dedent(
        f"""
        import sys
        from mnist_ref.cli import main
        rc = main({args!r})
        print("imported fastai:", "fastai" in sys.modules, file=sys.stderr)
        sys.exit(rc)
        """
    )
    return subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        timeout=300,
    )


def test_sample_only_data_runs_what_it_can_and_says_up_front_what_it_skips(tmp_path, embedded_env):
    data = sample_only_folder(tmp_path)
    env = {**embedded_env, "MNIST_REF_DATA": "", "FASTAI_HOME": str(tmp_path / "fastai")}
    args = ["run", "--data", str(data), "--no-fastai", "--no-progress"]
    args += ["--json", str(tmp_path / "run.json"), "--plots", str(tmp_path / "plots")]
    out = run_in_process(args, env)
    assert out.returncode == 0, out.stdout + out.stderr  # every stage it could run, ran
    ten = ["ten_nearest_mean_mse", "ten_nearest_mean_l1", "ten_linear", "ten_net_30", "ten_net_128"]
    # said before any training, in the command's terms (not the Python API's data_dir=None)
    notice = out.stderr.splitlines()[0]
    assert "5 of the 10 stages cannot run" in notice and all(n in notice for n in ten)
    assert f"--data {data}" in notice and "leave out --data" in notice
    assert "data_dir" not in out.stdout + out.stderr
    assert "imported fastai: False" in out.stderr
    # the trained results are kept: a table with every stage, the ten-digit ones marked skipped
    table = out.stdout[out.stdout.index("stage ") :]
    for name in ["pixel_similarity_l1", "linear_sgd", "simple_net_learner", *ten]:
        assert name in table
    for name in ten:
        assert (
            next(line for line in table.splitlines() if line.startswith(name)).split()[4]
            == "skipped"
        )
    summary = next(line for line in table.splitlines() if line.startswith("5 stages in "))
    assert "all at or above" not in summary and "none judged" in summary  # no threshold here
    assert "5 skipped: mnist, the ten digits, could not be loaded" in summary
    rows = json.loads((tmp_path / "run.json").read_text())
    assert [r["stage"] for r in rows if r["skipped"]] == ten
    assert all(r["passed"] is None for r in rows)
    plots = {p.name for p in (tmp_path / "plots").iterdir()}
    assert {"mean_digits.png", "accuracy_curves.png", "hidden_units.png"} <= plots


def test_a_named_stage_that_cannot_run_is_bad_input_after_the_table(tmp_path, embedded_env):
    data = sample_only_folder(tmp_path, per_class=2)
    env = {**embedded_env, "MNIST_REF_DATA": "", "FASTAI_HOME": str(tmp_path / "fastai")}
    out = mnist_ref(
        "run", "--data", str(data), "--stages", "pixel_similarity_l1,ten_linear", env=env
    )
    assert out.returncode == 2, out.stdout + out.stderr
    assert "pixel_similarity_l1" in out.stdout and "1 skipped" in out.stdout
    assert "ten_linear" in out.stderr and "Traceback" not in out.stderr

    out = mnist_ref("run", "--data", str(data), "--stages", "ten_linear", env=env)
    assert out.returncode == 2 and "stage " not in out.stdout  # nothing could run: no table
    assert f"--data points at {data}" in out.stderr and "leave out --data" in out.stderr


# --- the table's summary line ---------------------------------------------------------------


def result(stage, passed, threshold=0.9):
    return StageResult(
        stage=stage,
        title=stage,
        data="mnist_sample:complete",
        source="test",
        accuracy=0.95,
        threshold=None if passed is None else threshold,
        rule="" if passed is None else "minimum",
        passed=passed,
        seconds=1.0,
        device="cpu",
        seed=42,
    )


def test_summary_never_claims_thresholds_that_no_stage_has():
    assert report.summary([result("a", True), result("b", True)]).endswith(
        "all at or above their thresholds"
    )
    none = report.summary([result("a", None), result("b", None)])
    assert "at or above" not in none and "none judged" in none
    mixed = report.summary([result("a", True), result("b", None)])
    assert "1 at or above their thresholds" in mixed and "1 not judged" in mixed and "b" in mixed
    failed = report.summary([result("a", False), result("b", True)])
    assert "1 below threshold (a)" in failed and "all at or above" not in failed


def test_skipped_stages_are_rows_of_the_table_and_the_json(tmp_path):
    rows = [
        result("a", True),
        report.SkippedStage("ten_linear", "10 digits", "mnist", "no ten-digit data"),
    ]
    table = report.format_table(rows)
    assert "ten_linear" in table and "skipped" in table
    assert table.splitlines()[-1] == "1 stage in 1.0 s: all at or above their thresholds; " + (
        "1 skipped: no ten-digit data"
    )
    report.write_json(rows, tmp_path / "t.json")
    ran, skipped = json.loads((tmp_path / "t.json").read_text())
    assert set(ran) == set(skipped)  # one schema for every row
    assert ran["skipped"] is None and skipped["skipped"] == "no ten-digit data"
    assert skipped["accuracy"] is None and skipped["data"] == "mnist"


def test_importing_the_cli_does_not_import_fastai():
    out = subprocess.run(
        [sys.executable, "-c", "import sys, mnist_ref.cli; print('fastai' in sys.modules)"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.stdout.strip() == "False", out.stderr
