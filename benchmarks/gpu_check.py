"""One command for a machine with a CUDA GPU: the chapter and the grading on the GPU, beside the CPU.

    python benchmarks/gpu_check.py [--data PATH] [--stages a,b] [--skip-cpu] [--skip-grading]
    python benchmarks/gpu_check.py --dry-run      # say what would run, run nothing

Where PyTorch sees a CUDA GPU, it

1. runs every stage of ``mnist-ref run`` (``resnet18_fastai`` included) on the GPU and on the CPU,
   and prints each one's time, accuracy and verdict against its threshold side by side; then the
   issue-14 goal, fastai's resnet18 on the ten digits (``--data``'s ``training``/``testing``
   folders, one epoch), on the GPU only;
2. audits devices: every stage again (training stages for one epoch) under an operation counter
   (a ``TorchDispatchMode``, which sees every ATen operation, including those autograd runs in
   its own threads), and the grading of the solutions in-process (``MNIST_GRADE_UNISOLATED=1``)
   under the same counter, check by check. A *heavy CPU operation* is one that touches a CPU tensor
   of at least 1024 elements and is not a transfer, a view or an allocation. A matrix product or a
   convolution among them fails the audit (the model or its data is on the wrong device); any
   other kind is listed as a note (fastai collates batches and decodes images on the CPU by
   design, the stacking exercise reads images);
3. grades the solutions as a student does (``pytest exercises --target solutions``, isolated
   workers) with ``MNIST_REF_DEVICE=cuda``, and with ``MNIST_REF_DEVICE=cpu``, and prints both
   wall times and both results.

If step 3 fails on the GPU while the in-process grading of step 2 passes, look first at the
worker's limits (``autograder/sandbox/limits.py``): its memory limit is an address-space limit
(``RLIMIT_AS``, 6 GB), and the CUDA driver reserves large address ranges when it starts, so CUDA may
not start inside a worker at all (reported for other programs under ``ulimit -v``: an
out-of-memory error at initialisation). Not yet seen on a GPU: none was available to this work.

Without a GPU it says so, runs a short CPU-only pass of the same machinery (two stages timed,
one audited with the expected device set to the CPU, and the audit shown to catch a matmul on the
wrong device), and exits 0. Exit status: 0 when everything that ran passed, 1 otherwise, 2 for
bad arguments.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HEAVY = 1024  # elements: a CPU tensor this large in an operation is work, not bookkeeping
MATMUL = {
    "mm",
    "addmm",
    "bmm",
    "baddbmm",
    "matmul",
    "linear",
    "addmv",
    "mv",
    "dot",
    "convolution",
    "_convolution",
    "mkldnn_convolution",
    "convolution_backward",
}
NOT_WORK = {  # transfers, views, allocations and scalar reads: no arithmetic on the CPU
    "_to_copy",
    "copy_",
    "to",
    "clone",
    "contiguous",
    "empty",
    "empty_like",
    "empty_strided",
    "zeros",
    "zeros_like",
    "ones",
    "full",
    "randperm",
    "detach",
    "alias",
    "view",
    "_unsafe_view",
    "reshape",
    "t",
    "transpose",
    "permute",
    "as_strided",
    "slice",
    "select",
    "expand",
    "unsqueeze",
    "squeeze",
    "split",
    "unbind",
    "chunk",
    "narrow",
    "lift_fresh",
    "lift_fresh_copy",
    "_local_scalar_dense",
    "set_",
    "resize_",
    "_pin_memory",
    "is_pinned",
    "item",
    "numpy_T",
    "_reshape_alias",
    "unfold",
    "pin_memory",
    "_has_compatible_shallow_copy_type",
}
GRADING = ["-m", "pytest", "exercises", "--target", "solutions", "-q", "-p", "no:cacheprovider"]


# --- the operation counter --------------------------------------------------------------------


def device_audit():
    """A ``TorchDispatchMode`` that counts operations by device (built here: imports torch)."""
    import torch
    from torch.utils._python_dispatch import TorchDispatchMode
    from torch.utils._pytree import tree_flatten

    class DeviceAudit(TorchDispatchMode):
        """Counts every ATen operation by the device of its tensors; names the heavy CPU ones."""

        def __init__(self):
            super().__init__()
            self.ops: Counter = Counter()  # "cuda" / "cpu" / "none" -> operations
            self.heavy_cpu: Counter = Counter()  # operation name -> count

        def __torch_dispatch__(self, func, types, args=(), kwargs=None):
            out = func(*args, **(kwargs or {}))
            tensors = [
                t for t in tree_flatten((args, kwargs, out))[0] if isinstance(t, torch.Tensor)
            ]
            kinds = {t.device.type for t in tensors}
            kind = "cuda" if "cuda" in kinds else "cpu" if "cpu" in kinds else "none"
            self.ops[kind] += 1
            name = func.overloadpacket.__name__
            if kind == "cpu" and name not in NOT_WORK and any(t.numel() >= HEAVY for t in tensors):
                self.heavy_cpu[name] += 1
            return out

        def summary(self) -> dict:
            return {"ops": dict(self.ops), "heavy_cpu": dict(self.heavy_cpu)}

    return DeviceAudit()


def judge(summary: dict, expected: str) -> tuple[str, list[str]]:
    """``("ok" | "FAIL", notes)`` for an audit summary on a run meant for ``expected``."""
    heavy = summary["heavy_cpu"]
    if not summary["ops"]:
        return "ok", ["no tensor operation seen in this process"]
    if expected == "cpu":
        ok = summary["ops"].get("cuda", 0) == 0
        return ("ok" if ok else "FAIL"), ([] if ok else ["CUDA operations in a CPU run"])
    matmuls = {k: v for k, v in heavy.items() if k in MATMUL}
    others = {k: v for k, v in heavy.items() if k not in MATMUL}
    notes = [f"matmul on the CPU: {fmt_counts(matmuls)}"] if matmuls else []
    if others:
        notes.append(f"other heavy CPU ops: {fmt_counts(others)}")
    if not summary["ops"].get("cuda"):
        notes.append("no operation on the GPU at all")
    verdict = "FAIL" if matmuls or (not summary["ops"].get("cuda") and heavy) else "ok"
    return verdict, notes


def fmt_counts(counts: dict, top: int = 6) -> str:
    items = sorted(counts.items(), key=lambda kv: -kv[1])
    text = ", ".join(f"{k} x{v}" for k, v in items[:top])
    return text + (f", ... ({len(items) - top} more kinds)" if len(items) > top else "")


# --- stages ---------------------------------------------------------------------------------------


def stage_runs(args, device_name: str, audit: bool = False, names=None) -> list[dict]:
    """Run the stages on ``device_name``: time, accuracy and verdict of each (or its audit)."""
    import inspect

    import torch

    from mnist_ref.stages import STAGES, Context, run_stage, ten_digits, threes_sevens

    arrange_for = {"mnist_sample": ("mnist_sample", threes_sevens), "mnist": ("mnist", ten_digits)}

    device = torch.device(device_name)
    ctx = Context(data_dir=args.data, device=device, progress=False, announce=lambda s: None)
    if device.type == "cuda":
        (torch.ones(64, 64, device=device) @ torch.ones(64, 64, device=device)).sum().item()
    rows = []
    for stage in STAGES:
        if names is not None and stage.name not in names:
            continue
        ctx.arranged(*arrange_for[stage.dataset])  # loaded outside the timing and the audit
        row = {"stage": stage.name, "device": device_name}
        try:
            if audit:
                short = "epochs" in inspect.signature(stage.run).parameters
                mode = device_audit()
                with mode:
                    outcome = stage.run(ctx, epochs=1) if short else stage.run(ctx)
                if device.type == "cuda":
                    torch.cuda.synchronize()
                row.update(
                    mode.summary(), accuracy=outcome.accuracy, epochs="1" if short else "all"
                )
            else:
                result, _ = run_stage(stage, ctx)
                row.update(seconds=result.seconds, accuracy=result.accuracy, passed=result.passed)
        except Exception as error:  # one stage's failure is a row of the report, not the end
            row.update(error=f"{type(error).__name__}: {error}")
        rows.append(row)
        print(f"  {device_name:5} {stage.name:24} {row_text(row)}", flush=True)
    return rows


def row_text(row: dict) -> str:
    if "error" in row:
        return f"ERROR {row['error'][:150]}"
    if "ops" in row:
        return f"ops {row['ops']}, heavy CPU {row['heavy_cpu'] or 0}"
    passed = {True: "pass", False: "FAIL", None: "-"}[row["passed"]]
    return f"{row['seconds']:7.2f} s  acc {row['accuracy']:.4f}  {passed}"


def ten_digit_resnet(args) -> dict:
    """The issue's GPU goal: fastai resnet18 on all ten digits, one epoch, on CUDA."""
    import torch

    from mnist_ref.book_fastai import fit_resnet18
    from mnist_ref.data import load_dataset
    from mnist_ref.runtime import seed_everything

    ds = load_dataset("mnist", args.data, progress=False, announce=None)
    seed_everything(42)
    start = time.perf_counter()
    accuracy = fit_resnet18(ds.path, "training", "testing", torch.device("cuda"))
    torch.cuda.synchronize()
    return {"seconds": time.perf_counter() - start, "accuracy": accuracy, "data": ds.summary()}


# --- grading ----------------------------------------------------------------------------------


def grade(device_name: str, env_extra: dict | None = None, extra_args=()) -> dict:
    """``pytest exercises --target solutions`` with ``MNIST_REF_DEVICE=device_name``, timed."""
    env = {**os.environ, "MNIST_REF_DEVICE": device_name, **(env_extra or {})}
    start = time.perf_counter()
    out = subprocess.run(
        [sys.executable, *GRADING, *extra_args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    lines = (out.stdout.strip() or out.stderr.strip() or "(no output)").splitlines()
    return {"seconds": time.perf_counter() - start, "rc": out.returncode, "last": lines[-1]}


def audit_plugin(path: str):
    """A pytest plugin: one device audit per check (test item), written to ``path`` as JSON."""
    import pytest

    class AuditPlugin:
        def __init__(self):
            self.items = {}

        @pytest.hookimpl(wrapper=True)
        def pytest_runtest_call(self, item):
            mode = device_audit()
            try:
                with mode:
                    return (yield)
            finally:
                self.items[item.nodeid] = mode.summary()

        def pytest_sessionfinish(self, session):
            Path(path).write_text(json.dumps(self.items))

    return AuditPlugin()


def audited_grading(expected: str) -> tuple[dict, list[tuple[str, str, list[str]]]]:
    """Grade in-process, each check under the counter (a child process, so CUDA starts fresh)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "audit.json")
        env_all = {**os.environ, "MNIST_REF_DEVICE": expected, "MNIST_GRADE_UNISOLATED": "1"}
        start = time.perf_counter()
        out = subprocess.run(
            [sys.executable, os.path.abspath(__file__), "--audit-grading-into", path],
            cwd=ROOT,
            env=env_all,
            capture_output=True,
            text=True,
        )
        lines = (out.stdout.strip() or out.stderr.strip() or "(no output)").splitlines()
        result = {"seconds": time.perf_counter() - start, "rc": out.returncode, "last": lines[-1]}
        items = json.loads(Path(path).read_text()) if os.path.exists(path) else {}
    verdicts = [(nodeid, *judge(summary, expected)) for nodeid, summary in items.items()]
    return result, verdicts


def run_audited_grading(path: str) -> int:
    """The child of :func:`audited_grading`: pytest in this process, with the plugin."""
    import pytest

    return pytest.main(GRADING[2:], plugins=[audit_plugin(path)])


# --- the report -------------------------------------------------------------------------------------


def environment_line() -> tuple[bool, str]:
    import torch

    if torch.cuda.is_available():
        name = torch.cuda.get_device_name(0)
        return True, f"torch {torch.__version__}, CUDA {torch.version.cuda}, GPU: {name}"
    built = torch.version.cuda or "none (a CPU-only build)"
    return False, (
        f"torch {torch.__version__} (CUDA runtime {built}) sees no CUDA GPU on this machine "
        f"(torch.cuda.is_available() is False)"
    )


def side_by_side(cpu_rows: list[dict], gpu_rows: list[dict]) -> None:
    by_name = {r["stage"]: r for r in cpu_rows}
    print(f"\n{'stage':24} {'cpu s':>8} {'cpu acc':>8} {'cuda s':>8} {'cuda acc':>8}  verdict")
    for g in gpu_rows:
        c = by_name.get(g["stage"], {})
        cs = f"{c['seconds']:8.2f} {c['accuracy']:8.4f}" if "seconds" in c else f"{'-':>8} {'-':>8}"
        gs = f"{g['seconds']:8.2f} {g['accuracy']:8.4f}" if "seconds" in g else f"{'-':>8} {'-':>8}"
        verdict = row_text(g).split()[-1] if "seconds" in g else row_text(g)
        print(f"{g['stage']:24} {cs} {gs}  {verdict}")


def dry_run(args, has_gpu: bool) -> int:
    from mnist_ref.stages import STAGES

    names = [s.name for s in STAGES if args.stages is None or s.name in args.stages]
    print("would run, on a machine with a CUDA GPU:")
    print(f"  1. stages on cuda{'' if args.skip_cpu else ' and on cpu'}: {', '.join(names)}")
    print("     then fastai resnet18 on the ten digits, one epoch, on cuda")
    print("  2. the device audit of the same stages (training ones for one epoch) and of the")
    print("     grading, in-process: MNIST_GRADE_UNISOLATED=1 MNIST_REF_DEVICE=cuda")
    if not args.skip_grading:
        print(f"  3. MNIST_REF_DEVICE=cuda|cpu python {' '.join(GRADING)}")
    print(f"this machine: {'a GPU is present' if has_gpu else 'no GPU: the CPU-only pass runs'}")
    return 0


def cpu_only_pass(args) -> int:
    """What can be checked without a GPU: the stage runner, the audit, and that it catches."""
    print("CPU-only pass (the machinery of the GPU checks, on the CPU):")
    rows = stage_runs(args, "cpu", names={"pixel_similarity_l1", "linear_sgd"})
    audit = stage_runs(args, "cpu", audit=True, names={"linear_sgd"})[0]
    failures = [r for r in rows + [audit] if "error" in r or r.get("passed") is False]
    verdict, notes = judge(audit, "cpu") if "ops" in audit else ("FAIL", [audit.get("error")])
    print(f"  audit of linear_sgd, expected on cpu: {verdict}")
    caught, why = judge(audit, "cuda") if "ops" in audit else ("?", [])
    print(f"  the same run judged as if meant for cuda: {caught} ({'; '.join(why)})")
    if failures or verdict != "ok" or caught != "FAIL":
        print("the CPU-only pass FAILED: the GPU checks would not be trustworthy")
        return 1
    print("CPU-only pass: ok. Run this script on a machine with a CUDA GPU for the GPU checks.")
    return 0


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", default=None, help="data folder (default: as mnist-ref finds it)")
    parser.add_argument("--stages", default=None, help="comma-separated stage names (default: all)")
    parser.add_argument("--skip-cpu", action="store_true", help="no CPU column for the stages")
    parser.add_argument("--skip-grading", action="store_true", help="no grading of the solutions")
    parser.add_argument("--dry-run", action="store_true", help="say what would run; run nothing")
    parser.add_argument("--audit-grading-into", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.stages is not None:
        from mnist_ref.stages import STAGES_BY_NAME

        args.stages = {s for s in args.stages.split(",") if s}
        unknown = args.stages - set(STAGES_BY_NAME)
        if unknown:
            parser.error(f"unknown stage(s) {', '.join(sorted(unknown))}")
    return args


def main(argv=None) -> int:
    args = parse_args(argv)
    if args.audit_grading_into:
        return run_audited_grading(args.audit_grading_into)
    has_gpu, line = environment_line()
    print(line)
    if args.dry_run:
        return dry_run(args, has_gpu)
    if not has_gpu:
        print("NO GPU: the GPU checks did not run.")
        return cpu_only_pass(args)

    failed = False
    print("\n1. every stage, on the GPU" + ("" if args.skip_cpu else " and on the CPU"))
    gpu_rows = stage_runs(args, "cuda", names=args.stages)
    cpu_rows = [] if args.skip_cpu else stage_runs(args, "cpu", names=args.stages)
    side_by_side(cpu_rows, gpu_rows)
    failed |= any("error" in r or r.get("passed") is False for r in gpu_rows + cpu_rows)
    goal = ten_digit_resnet(args)
    met = goal["accuracy"] > 0.99 and goal["seconds"] < 10
    print(
        f"\nten digits, fastai resnet18, 1 epoch on cuda: {goal['seconds']:.1f} s, accuracy "
        f"{goal['accuracy']:.4f} (goal: > 0.99 in < 10 s: {'met' if met else 'NOT met'}; "
        f"data: {goal['data']})"
    )

    print("\n2. device audit (operations counted by device; heavy = a CPU tensor >= 1024 elements)")
    for row in stage_runs(args, "cuda", audit=True, names=args.stages):
        verdict, notes = judge(row, "cuda") if "ops" in row else ("FAIL", [row["error"]])
        failed |= verdict != "ok"
        print(f"  {verdict:4} stage {row['stage']}" + "".join(f"\n         {n}" for n in notes))
    result, verdicts = audited_grading("cuda")
    print(f"  grading in-process on cuda: {result['last']} ({result['seconds']:.1f} s)")
    seen = sum(1 for _, _, notes in verdicts if "no tensor operation" not in " ".join(notes))
    if result["rc"] != 0 or not seen:
        failed = True
        print(
            "  FAIL the in-process grading did not pass, or no check's operations were seen "
            "(is MNIST_GRADE_UNISOLATED=1 still the in-process switch?)"
        )
    for nodeid, verdict, notes in verdicts:
        failed |= verdict != "ok"
        if verdict != "ok" or notes:
            print(f"  {verdict:4} {nodeid}" + "".join(f"\n         {n}" for n in notes))
    print(f"  {sum(v == 'ok' for _, v, _ in verdicts)} of {len(verdicts)} checks ok")

    if not args.skip_grading:
        print("\n3. grading the solutions (isolated workers), as a student runs it")
        for device_name in ("cuda", "cpu"):
            g = grade(device_name)
            failed |= g["rc"] != 0
            print(f"  MNIST_REF_DEVICE={device_name:4} {g['seconds']:6.1f} s  {g['last']}")
    print("\n" + ("SOME GPU CHECKS FAILED (see above)" if failed else "all GPU checks passed"))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
