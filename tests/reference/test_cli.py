"""``mnist-ref`` end to end: the README's first command, its outputs, and its errors."""

import json
import os
import subprocess
import sys

import pytest


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
