"""``mnist-grade batch SUBMISSIONS --out DIR``: grade a whole class, resumably, in parallel.

1. :mod:`~autograder.batch.layouts` finds each student's files (folders, nbgrader's
   ``submitted/``, zips extracted safely into ``DIR/extracted``).
2. :mod:`~autograder.batch.journal` says which files are already graded (same student, exercise
   and hash); only the others become tasks.
3. The tasks go to ``--workers N`` grading processes here (:mod:`~autograder.batch.pool`) or to
   a Dask cluster (``--scheduler``, :mod:`~autograder.batch.cluster`); each result is committed
   to the journal the moment it arrives, with a progress bar (students done, rate, time left).
4. From the journal: :mod:`~autograder.batch.outputs` (the CSV gradebook, each student's JSON
   report, Gradescope ``results.json`` and feedback, optionally nbgrader's database) and
   :mod:`~autograder.batch.class_report`.

Exit status: 0 when every student was graded (whatever the scores), 1 when one could not be (a
refused zip, an empty folder, a grading failure: the gradebook's status column says why, and a
rerun retries the failures), 2 for input that cannot be used (the message names the path and
the fix), 130 when interrupted (what was graded is kept; run the same command again).
"""

from __future__ import annotations

import fcntl
import os
import sys
import time
from pathlib import Path

from autograder.batch import class_report, outputs
from autograder.batch.journal import Journal
from autograder.batch.layouts import BadInput, digest, discover
from autograder.batch.task import task
from autograder.core.exercise import STEMS
from autograder.core.paths import ROOT

#: Seconds a grading process may hold one file beyond the isolated worker's own budget for it.
DEADLINE_SLACK = 120.0


def default_workers() -> int:
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def parse_exercises(text: str | None) -> list[str]:
    if not text:
        return list(STEMS)
    stems = [s.strip() for s in text.split(",") if s.strip()]
    unknown = [s for s in stems if s not in STEMS]
    if unknown or not stems:
        raise BadInput(f"--exercises {text}: {', '.join(unknown) or 'none'} is not an exercise; "
                       f"choose among {','.join(STEMS)}")
    return [s for s in STEMS if s in stems]  # course order


def _check_hidden(folders: list[Path]) -> None:
    """The class and output folders are hidden from every student's worker: neither may hold
    the grader or its Python (hiding them would break every worker)."""
    needed = [ROOT, Path(sys.prefix).resolve(), Path(sys.base_prefix).resolve()]
    for folder in folders:
        for n in needed:
            if n == folder or folder in n.parents:
                raise BadInput(f"{folder} holds {n}, which grading needs: give a folder that "
                               "holds only the submissions (and an --out folder of its own).")


def lock(out: Path):
    """An exclusive lock on ``out`` for this batch (a second batch on it is refused)."""
    out.mkdir(parents=True, exist_ok=True)
    handle = open(out / ".batch.lock", "a+")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        raise BadInput(f"another batch is writing to {out}: wait for it, or give another --out"
                       ) from None
    return handle


def main(args) -> int:
    """The command (``args``: ``submissions``, ``out``, ``workers``, ``exercises``,
    ``scheduler``, ``nbgrader_db``)."""
    try:
        return _main(args)
    except BadInput as err:
        print(f"mnist-grade batch: {err}", file=sys.stderr)
        return 2


def _main(args) -> int:
    stems = parse_exercises(args.exercises)
    if args.workers is not None and args.workers < 1:
        raise BadInput(f"--workers {args.workers}: give at least 1 (default: {default_workers()},"
                       " the cores of this machine)")
    root, out = Path(args.submissions).resolve(), Path(args.out).resolve()
    _check_hidden([root, out])
    held = lock(out)
    students = discover(root, stems, out / "extracted", skip=(out,))
    journal = Journal(out / "journal.sqlite")
    done = journal.digests()
    failures: dict[tuple[str, str], str] = {}
    digests: dict[tuple[str, str], str] = {}
    for s in students:
        for stem, path in s.files.items():
            try:
                digests[s.student, stem] = digest(path)
            except OSError as err:
                failures[s.student, stem] = (f"{path} cannot be read ({err.strerror}): give the "
                                             "grader read access, then run the batch again")
    tasks = [task(student, stem, path, digests[student, stem])
             for s in students for stem, path in s.files.items()
             for student in [s.student] if (student, stem) in digests
             and done.get((student, stem)) != digests[student, stem]]
    pool = _pool(args, out, root)
    workers = pool.workers if args.scheduler else min(pool.workers, len(tasks)) or 1
    refused = sum(bool(s.problem) for s in students)
    print(f"{len(students)} students ({refused} not gradable), {len(stems)} exercises: "
          f"{len(tasks)} files to grade, {len(digests) - len(tasks)} already graded and "
          f"unchanged; {workers} {'Dask threads' if args.scheduler else 'grading processes'}",
          file=sys.stderr)
    interrupted = False
    start = time.perf_counter()
    try:
        _grade(pool, tasks, journal, failures)
    except KeyboardInterrupt:
        interrupted = True
        print("\ninterrupted: what was graded is kept; run the same command again to finish",
              file=sys.stderr)
    finally:
        pool.close(0.0 if interrupted else 10.0)
    seconds = time.perf_counter() - start
    rows = outputs.collect(students, stems, journal.reports(), failures, digests)
    journal.close()
    gradebook = outputs.write(rows, stems, out)
    graded = [r.reports[s] for r in rows for s in stems if r.state[s] == outputs.GRADED]
    md, png = class_report.write(graded, sum(any(st == outputs.GRADED for st in r.state.values())
                                             for r in rows), out)
    status = 0 if all(r.graded for r in rows) else 1
    if args.nbgrader_db:
        for problem in outputs.write_nbgrader(rows, Path(args.nbgrader_db)):
            print(f"nbgrader gradebook: {problem}", file=sys.stderr)
            status = 1
    _summary(rows, tasks, seconds, gradebook, md, png, out)
    held.close()
    return 130 if interrupted else status


def _pool(args, out: Path, root: Path):
    if args.scheduler:
        from autograder.batch.cluster import DaskPool

        return DaskPool(args.scheduler)
    from autograder.batch.pool import LocalPool
    from autograder.sandbox.limits import Limits

    return LocalPool(args.workers or default_workers(), hide=(str(root), str(out)),
                     deadline=Limits.from_env().budget + DEADLINE_SLACK, logs=out / "logs")


def _grade(pool, tasks: list[dict], journal: Journal, failures: dict) -> None:
    """Run ``tasks`` on ``pool``, committing each result at once, with a progress bar over the
    students (count done, rate, time left)."""
    from tqdm import tqdm

    left: dict[str, int] = {}
    for t in tasks:
        left[t["student"]] = left.get(t["student"], 0) + 1
    with tqdm(total=len(left), unit="student", desc="grading", file=sys.stderr,
              dynamic_ncols=True, smoothing=0.1) as bar:
        for r in pool.run(tasks):
            if "failed" in r:
                failures[r["student"], r["stem"]] = r["failed"]
            else:
                journal.record(r["student"], r["stem"], r["digest"], r["report"], r["seconds"])
            left[r["student"]] -= 1
            if left[r["student"]] == 0:
                bar.update(1)
            bar.set_postfix_str(f"{r['student']} {r['stem']}", refresh=False)


def _summary(rows, tasks, seconds, gradebook, md, png, out) -> None:
    print(outputs.score_line(rows))
    if tasks:
        print(f"graded {len(tasks)} files in {seconds:.0f} s "
              f"({3600 * len(tasks) / max(seconds, 1e-9):.0f} files per hour)")
    for r in [r for r in rows if not r.graded][:20]:
        print(f"  {r.student}: {r.status()}")
    print(f"gradebook: {gradebook}\nclass report: {md} and {png}\n"
          f"per student (report.json, results.json, feedback.txt): {out / 'students'}")
