"""How fast ``mnist-grade batch`` grades a class, against ``nbgrader autograde``, in one run.

    MNIST_REF_DATA=/work/shared/data .venv/bin/python benchmarks/batch_speed.py
        [--students 16] [--hostile 2] [--workers 1,2] [--nbgrader-students 3] [--seed 0]
        [--keep DIR]

1. A simulated class in a temporary folder, one folder per student, one file per exercise (every
   exercise of the chapter): each file is the model answer (``solutions/``), the untouched stub
   (``exercises/``), a solution with a known mistake (a mutant of ``tests/mutants/``) or with a
   correct variant (``tests/alternatives/``) applied by appending the case's text to the
   solution's. ``--hostile`` students hand in a few hostile files as well (an endless loop while
   the file loads, ``os._exit`` while it loads, a 16 GB allocation).
2. The batch, from a fresh output folder each time, with each ``--workers`` count: the wall time
   of the whole command (start-up included) and complete submissions per hour (a submission is
   one student's every exercise). Every student must come out graded, with the same scores for
   every worker count.
3. ``nbgrader autograde`` (the course's own configuration: the notebook run in a kernel, the test
   cells graded in the isolated worker) on the notebook form of the first
   ``--nbgrader-students`` non-hostile students of the same class: every assignment, timed.
4. Where the time goes: the journal's seconds per exercise file, the checks' own seconds, and the
   rest (the worker's start and the loading of the student's code; start-up of the batch).

The machine's load average is printed beside each measure: on a shared machine, other work
takes cores from the batch, and the 1 -> 2 worker scaling shows it first.
"""

from __future__ import annotations

import argparse
import calendar
import json
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))  # course_students: the notebook form of a student's work

from autograder.core.exercise import STEMS  # noqa: E402
from autograder.grading.loader import solution_file  # noqa: E402
from autograder.maint.mutants import read_case  # noqa: E402

HOSTILE = {  # stem -> what a hostile student appends to the model answer
    "e02_distances": "\nwhile True:  # hostile: never finishes loading\n    pass\n",
    "e05_simple_net": "\nimport os\nos._exit(0)  # hostile: ends the worker while loading\n",
    "e01_stacking": "\n_hog = bytearray(16 << 30)  # hostile: 16 GB\n",
}


def cases(kind: str, stem: str) -> list[Path]:
    files = sorted((ROOT / "tests" / kind).glob(f"{stem}__*.py"))
    return [p for p in files if not read_case(p).may_fail]  # a verdict that depends on the data


def plan_class(students: int, hostile: int, seed: int) -> dict[str, dict[str, str]]:
    """For each student and exercise, what they hand in: ``solution``, ``stub``, ``hostile``, or
    the path of a mutant or an alternative (applied to the solution)."""
    rng = random.Random(seed)
    plan = {}
    for i in range(students):
        work = {}
        for stem in STEMS:
            roll = rng.random()
            if roll < 0.35:
                work[stem] = "solution"
            elif roll < 0.50:
                work[stem] = "stub"
            elif roll < 0.80 and cases("mutants", stem):
                work[stem] = str(rng.choice(cases("mutants", stem)))
            elif cases("alternatives", stem):
                work[stem] = str(rng.choice(cases("alternatives", stem)))
            else:
                work[stem] = "solution"
        if i >= students - hostile:
            work.update({stem: "hostile" for stem in HOSTILE if stem in STEMS})
        plan[f"student{i:03d}"] = work
    return plan


def text_of(stem: str, kind: str) -> str:
    solution = solution_file(stem).read_text()
    if kind == "solution":
        return solution
    if kind == "stub":
        return (ROOT / "exercises" / f"{stem}.py").read_text()
    if kind == "hostile":
        return solution + HOSTILE[stem]
    return solution + "\n\n" + Path(kind).read_text()


def write_class(folder: Path, plan: dict) -> None:
    for student, work in plan.items():
        (folder / student).mkdir(parents=True)
        for stem, kind in work.items():
            (folder / student / f"{stem}.py").write_text(text_of(stem, kind))


def load() -> str:
    """The load average, and the wall time of a bare ``import torch`` (2.8 s on this 2-core
    machine when idle): how much of the machine other work left us."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import torch"], check=True)
    return (f"load average {os.getloadavg()[0]:.1f}, import torch "
            f"{time.perf_counter() - start:.1f} s")


def run_batch(klass: Path, out: Path, workers: int) -> dict:
    cmd = [sys.executable, "-m", "autograder.cli", "batch", str(klass), "--out", str(out),
           "--workers", str(workers)]
    before = load()
    started = time.time()
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=7200)
    wall = time.time() - started
    db = sqlite3.connect(out / "journal.sqlite")
    rows = db.execute("SELECT student, exercise, score, seconds, report FROM graded").fetchall()
    first = db.execute("SELECT MIN(graded_at) FROM graded").fetchone()[0]
    db.close()
    startup = calendar.timegm(time.strptime(first, "%Y-%m-%dT%H:%M:%SZ")) - started
    return {"workers": workers, "wall": wall, "code": done.returncode, "rows": rows,
            "startup": max(startup, 0.0), "load": f"{before} -> {load()}",
            "stderr": done.stderr[-3000:]}


def notebook_class(tmp: Path, plan: dict, sample: list[str]) -> Path:
    """A course folder with the sample's notebooks in ``submitted/`` (as ``nbgrader collect``
    leaves them), every assignment generated."""
    import nbformat
    from course_students import apply_mutants, solve

    from autograder.build.course import COURSE, outputs

    course = tmp / "course"
    for out in outputs(ROOT):
        rel = out.path.relative_to(ROOT / COURSE)
        (course / rel).parent.mkdir(parents=True, exist_ok=True)
        (course / rel).write_text(out.text)
    env = nbgrader_env(tmp)
    for stem in STEMS:
        subprocess.run(["nbgrader", "generate_assignment", stem, "--force"], cwd=course, env=env,
                       check=True, capture_output=True, timeout=600)
        released = nbformat.read(course / "release" / stem / f"{stem}.ipynb", as_version=4)
        source = nbformat.read(course / "source" / stem / f"{stem}.ipynb", as_version=4)
        for student in sample:
            kind = plan[student][stem]
            if kind == "solution":
                nb = solve(released, source)
            elif kind == "stub":
                nb = released
            else:
                nb = apply_mutants(solve(released, source), [read_case(Path(kind))])
            path = course / "submitted" / student / stem / f"{stem}.ipynb"
            path.parent.mkdir(parents=True, exist_ok=True)
            nbformat.write(nb, path)
            (path.parent / "timestamp.txt").write_text("2024-01-01 00:00:00.000000 UTC")
    return course


def nbgrader_env(tmp: Path) -> dict:
    venv_bin = str(Path(sys.executable).parent)
    return {**os.environ, "PATH": venv_bin + os.pathsep + os.environ.get("PATH", ""),
            "JUPYTER_RUNTIME_DIR": str(tmp / "runtime"),
            "MNIST_NBGRADER_EXCHANGE": str(tmp / "exchange")}


def run_nbgrader(course: Path, tmp: Path) -> dict:
    env = nbgrader_env(tmp)
    per_stem = {}
    before = load()
    for stem in STEMS:
        start = time.perf_counter()
        subprocess.run(["nbgrader", "autograde", stem, "--force"], cwd=course, env=env,
                       check=True, capture_output=True, timeout=3600)
        per_stem[stem] = time.perf_counter() - start
    return {"wall": sum(per_stem.values()), "per_stem": per_stem, "load": f"{before} -> {load()}",
            "scores": nbgrader_scores(course)}


def nbgrader_scores(course: Path) -> dict[tuple[str, str], float]:
    """(student, assignment) -> the autograded points nbgrader recorded."""
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        return {(sub.student.id, a.name): sum(g.auto_score or 0 for nb in sub.notebooks
                                                for g in nb.grades if g.cell.cell_type == "code")
                for a in gb.assignments for sub in a.submissions}


def profile(rows: list, wall: float, workers: int, plan: dict) -> list[str]:
    """Where the time of a batch goes, from its journal."""
    per_stem: dict[str, list[float]] = defaultdict(list)
    checks: dict[str, float] = defaultdict(float)
    in_checks = hostile = 0.0
    for student, stem, _, seconds, report in rows:
        per_stem[stem].append(seconds)
        hostile += seconds if plan[student][stem] == "hostile" else 0.0
        for r in json.loads(report)["results"]:
            checks[f"{stem}::{r['name']}"] += r["seconds"]
            in_checks += r["seconds"]
    busy = sum(sum(v) for v in per_stem.values())
    lines = [f"  grading processes busy {busy:.0f} s of {workers} x {wall:.0f} s wall "
             f"({busy / (workers * wall):.0%}); the rest: start-up (python, torch in the grading "
             "process and in its fork server), the outputs, idle at the end",
             f"  of the busy time: checks {in_checks:.0f} s ({in_checks / busy:.0%}), the rest "
             f"{busy - in_checks:.0f} s (a fresh worker per file: fork, confine, load the "
             "student's code; reading it; the report)",
             f"  hostile files: {hostile:.0f} s of the busy time (an endless loop while loading "
             "runs to the 30 s load deadline)"]
    lines.append("  per exercise file (median s):  " + ", ".join(
        f"{s} {statistics.median(v):.1f}" for s, v in per_stem.items()))
    top = sorted(checks.items(), key=lambda kv: -kv[1])[:6]
    lines.append("  slowest checks (s in all):  " + ", ".join(f"{k} {v:.0f}" for k, v in top))
    return lines


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--students", type=int, default=16)
    p.add_argument("--hostile", type=int, default=2)
    p.add_argument("--workers", default="1,2")
    p.add_argument("--nbgrader-students", type=int, default=3)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--keep", metavar="DIR", default=None,
                   help="build the class and the outputs in DIR and keep them (class report ...)")
    p.add_argument("--exercises", default=None, metavar="STEMS",
                   help="comma-separated stems to hand in (default: every exercise; "
                        "e.g. the seven of the issue's goal, without the new ones)")
    args = p.parse_args(argv)
    if args.exercises:
        global STEMS
        wanted = [s.strip() for s in args.exercises.split(",") if s.strip()]
        unknown = sorted(set(wanted) - set(STEMS))
        if unknown:
            p.error(f"--exercises: no exercise {', '.join(unknown)}; the stems are "
                    f"{', '.join(STEMS)}")
        STEMS = [s for s in STEMS if s in wanted]
    plan = plan_class(args.students, args.hostile, args.seed)
    with tempfile.TemporaryDirectory(prefix="batch-speed-") as tmp:
        tmp = Path(args.keep) if args.keep else Path(tmp)
        tmp.mkdir(parents=True, exist_ok=True)
        write_class(tmp / "class", plan)
        kinds = defaultdict(int)
        for work in plan.values():
            for kind in work.values():
                kinds[kind if kind in ("solution", "stub", "hostile") else Path(kind).parent.name] += 1
        print(f"class: {len(plan)} students x {len(STEMS)} exercises ({dict(kinds)}); "
              f"{os.cpu_count()} cores; {load()}", flush=True)
        results = []
        for n in [int(w) for w in args.workers.split(",")]:
            r = run_batch(tmp / "class", tmp / f"out{n}", n)
            results.append(r)
            rate = 3600 * len(plan) / r["wall"]
            print(f"batch, {n} worker{'s' * (n > 1)}: {r['wall']:.0f} s for {len(plan)} "
                  f"submissions = {rate:.0f} complete submissions per hour (exit {r['code']}, "
                  f"{len(r['rows'])} files graded; load {r['load']})", flush=True)
            steady = 3600 * len(plan) / max(r["wall"] - r["startup"], 1e-9)
            print(f"  first result after {r['startup']:.0f} s (start-up); after it, "
                  f"{steady:.0f} complete submissions per hour")
            print("\n".join(profile(r["rows"], r["wall"], n, plan)), flush=True)
        scores = [sorted((s, e, sc) for s, e, sc, _, _ in r["rows"]) for r in results]
        print("same scores with every worker count:", all(s == scores[0] for s in scores))
        if len(results) > 1:
            print(f"scaling {results[0]['workers']} -> {results[-1]['workers']} workers: "
                  f"{results[0]['wall'] / results[-1]['wall']:.2f}x")
        if args.nbgrader_students:
            sample = [s for s, w in plan.items() if "hostile" not in w.values()]
            sample = sample[: args.nbgrader_students]
            course = notebook_class(tmp, plan, sample)
            nb = run_nbgrader(course, tmp)
            rate = 3600 * len(sample) / nb["wall"]
            print(f"nbgrader autograde: {nb['wall']:.0f} s for {len(sample)} complete submissions"
                  f" (notebook form, every assignment) = {rate:.0f} per hour (load {nb['load']})")
            print("  per assignment (s): " + ", ".join(f"{k} {v:.0f}"
                                                       for k, v in nb["per_stem"].items()))
            ours = {(s, e): sc for s, e, sc, _, _ in results[0]["rows"] if s in sample}
            print(f"  nbgrader's points equal the batch's on all {len(nb['scores'])} notebooks:",
                  nb["scores"] == ours)
            for r in results:
                ours = 3600 * len(plan) / r["wall"]
                print(f"speedup of the batch with {r['workers']} worker(s) over nbgrader: "
                      f"{ours / rate:.1f}x")
            # the same few submissions, right after nbgrader (the same load), one worker
            for student in sample:
                (tmp / "sample" / student).parent.mkdir(parents=True, exist_ok=True)
                (tmp / "class" / student).rename(tmp / "sample" / student)
            r = run_batch(tmp / "sample", tmp / "out-sample", 1)
            ours = 3600 * len(sample) / r["wall"]
            print(f"batch, 1 worker, on nbgrader's {len(sample)} submissions right after it: "
                  f"{r['wall']:.0f} s = {ours:.0f} per hour (start-up {r['startup']:.0f} s "
                  f"included; load {r['load']}): {ours / rate:.1f}x nbgrader")
    return 0


if __name__ == "__main__":
    sys.exit(main())
