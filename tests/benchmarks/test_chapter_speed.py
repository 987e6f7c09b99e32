"""``benchmarks/chapter_speed.py``: what it prints and how it decides, never how fast anything is."""

import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "chapter_speed.py"


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("chapter_speed", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules["chapter_speed"] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_flops_follow_the_written_formula(bench):
    assert bench.layer_flops((784, 1)) == (4 * 784, 2 * 784)  # no input gradient for layer 1
    forward = 2 * (784 * 30 + 30 * 10)
    assert bench.layer_flops((784, 30, 10)) == (2 * forward + 2 * 30 * 10, forward)


def test_a_ratio_only_where_the_spreads_do_not_overlap(bench):
    assert bench.ratio_text([2.0, 2.2, 2.1], [0.4, 0.5, 0.45]) == "4.7x"
    assert bench.ratio_text([0.3, 0.5, 0.4], [0.45, 0.6, 0.5]) == "within noise"
    assert bench.ratio_text([1.0, 1.2], [2.0, 2.5]) == "0.5x"  # slower is said too
    assert bench.ratio_text([4.0], [0.0]) == "-"
    one_bad_round = [2.0, 2.1, 2.2, 2.3, 0.3]  # from 4 rounds on, the spread is the IQR
    assert bench.ratio_text(one_bad_round, [0.4, 0.5, 0.45, 0.5, 0.42]) == "4.7x"


def test_unknown_stage_is_a_usage_error():
    out = subprocess.run(
        [sys.executable, str(SCRIPT), "--stages", "linear,nope"], capture_output=True, text=True
    )
    assert out.returncode == 2 and "nope" in out.stderr and "simple_net" in out.stderr


@pytest.mark.slow
def test_quick_mode_runs_both_sides_and_ends_with_the_overall_line(offline_embedded):
    out = subprocess.run(
        [sys.executable, str(SCRIPT), "--quick", "--stages", "pixel,linear"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert out.returncode == 0, out.stdout + out.stderr
    lines = out.stdout.strip().splitlines()
    assert re.fullmatch(r"overall speedup: \d+\.\dx", lines[-1]), lines[-1]
    assert re.search(r"matmul float32 .* 1 thread \d+\.\d", out.stdout)
    linear = next(line for line in lines if line.startswith("linear, 1 epochs"))
    assert re.search(r"\d+\.\d+x|within noise", linear)
    assert re.search(r"\d+%", linear)  # the fraction of the measured peak
    pixel = next(line for line in lines if line.startswith("pixel similarity"))
    book_acc, ref_acc = re.findall(r"\b[01]\.\d{4}\b", pixel)[-2:]
    assert book_acc == ref_acc  # the same arithmetic on both sides


@pytest.mark.slow
def test_profile_mode_splits_each_training_stage_into_shares(offline_embedded):
    out = subprocess.run(
        [sys.executable, str(SCRIPT), "--profile", "--quick", "--stages", "load,linear"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert out.returncode == 0, out.stdout + out.stderr
    assert re.search(r"load average \(1, 5, 15 min\): [\d.]+, [\d.]+, [\d.]+", out.stdout)
    row = next(line for line in out.stdout.splitlines() if line.startswith("linear, 1 epochs"))
    assert len(re.findall(r"\d+%", row)) == 4, row  # matmul, gather, other ops, outside
