"""``benchmarks/gpu_check.py`` without a GPU: it says so and passes its CPU-only pass; its audit
tells a matmul on the wrong device from bookkeeping."""

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest
import torch

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "gpu_check.py"
no_gpu = pytest.mark.skipif(torch.cuda.is_available(), reason="this machine has a CUDA GPU")


@pytest.fixture(scope="module")
def gpu_check():
    spec = importlib.util.spec_from_file_location("gpu_check", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules["gpu_check"] = module
    spec.loader.exec_module(module)
    return module


def run(*args, timeout=300):
    return subprocess.run(
        [sys.executable, str(SCRIPT), *args], capture_output=True, text=True, timeout=timeout
    )


@no_gpu
@pytest.mark.slow
def test_without_a_gpu_it_says_so_and_passes_the_cpu_only_pass(offline_embedded):
    out = run()
    assert out.returncode == 0, out.stdout + out.stderr
    assert "sees no CUDA GPU" in out.stdout and "NO GPU: the GPU checks did not run" in out.stdout
    assert "CPU-only pass: ok" in out.stdout
    assert "judged as if meant for cuda: FAIL (matmul on the CPU: " in out.stdout


def test_dry_run_runs_nothing_and_exits_0():
    out = run("--dry-run", "--stages", "linear_sgd,resnet18_fastai")
    assert out.returncode == 0, out.stderr
    assert "linear_sgd, resnet18_fastai" in out.stdout and "MNIST_REF_DEVICE=cuda" in out.stdout


def test_unknown_stage_is_a_usage_error():
    out = run("--dry-run", "--stages", "linear_sgd,nope")
    assert out.returncode == 2 and "nope" in out.stderr


def test_the_audit_counts_operations_by_device(gpu_check):
    mode = gpu_check.device_audit()
    x, w = torch.rand(64, 784), torch.rand(784, 30, requires_grad=True)
    with mode:
        (x @ w).relu().sum().backward()
        x.view(-1).clone()  # bookkeeping, not work
    summary = mode.summary()
    assert summary["ops"]["cpu"] > 3 and "cuda" not in summary["ops"]
    assert summary["heavy_cpu"].get("mm", 0) >= 2  # forward and the weight gradient
    assert "view" not in summary["heavy_cpu"] and "clone" not in summary["heavy_cpu"]


def test_the_verdict_fails_a_matmul_on_the_cpu_and_notes_the_rest(gpu_check):
    on_gpu = {"ops": {"cuda": 500, "cpu": 20}, "heavy_cpu": {"stack": 40}}
    assert gpu_check.judge(on_gpu, "cuda") == ("ok", ["other heavy CPU ops: stack x40"])
    misplaced = {"ops": {"cuda": 500, "cpu": 90}, "heavy_cpu": {"addmm": 30, "stack": 2}}
    verdict, notes = gpu_check.judge(misplaced, "cuda")
    assert verdict == "FAIL" and notes[0] == "matmul on the CPU: addmm x30"
    only_cpu = {"ops": {"cpu": 90}, "heavy_cpu": {"sum": 3}}
    assert gpu_check.judge(only_cpu, "cuda")[0] == "FAIL"
    assert gpu_check.judge(only_cpu, "cpu") == ("ok", [])
    assert gpu_check.judge({"ops": {}, "heavy_cpu": {}}, "cuda")[0] == "ok"
