"""A batch killed with SIGKILL right after its first results were committed (a power cut, as far
as the batch can tell), then run again: every student exactly once, with the scores a clean run
gives, nothing graded before the kill graded again, and no process of the killed batch left."""

from __future__ import annotations

import csv
import os
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest
from batch_class import batch, expected, write_student

from autograder.cli import main

pytestmark = pytest.mark.slow

STEM = "e02_distances"
KINDS = ["solution", "stub", "e02_distances__no_abs", "e02_distances__is_3_reversed"]
STUDENTS = {f"s{i:02d}": KINDS[i % len(KINDS)] for i in range(12)}


def rows(journal: Path) -> dict[str, tuple[float, str]]:
    if not journal.exists():
        return {}
    db = sqlite3.connect(journal, timeout=5)
    try:
        found = db.execute("SELECT student, score, graded_at FROM graded").fetchall()
    except sqlite3.OperationalError:  # the table is not created yet
        found = []
    db.close()
    return {s: (score, at) for s, score, at in found}


def children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            tree.setdefault(ppid, []).append(int(entry))
    return tree


def descendants(pid: int) -> set[tuple[int, str]]:
    """Every process below ``pid``, as (pid, start time) so a reused pid is not mistaken."""
    tree, found, todo = children(), set(), [pid]
    while todo:
        for child in tree.get(todo.pop(), []):
            try:
                start = Path(f"/proc/{child}/stat").read_text().rsplit(")", 1)[1].split()[19]
            except OSError:
                continue
            found.add((child, start))
            todo.append(child)
    return found


def alive(procs: set[tuple[int, str]]) -> set[tuple[int, str]]:
    left = set()
    for pid, start in procs:
        try:
            stat = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if stat[19] == start and stat[0] != "Z":
            left.add((pid, start))
    return left


def test_a_killed_batch_resumes_and_grades_every_student_once(tmp_path):
    root, out = tmp_path / "class", tmp_path / "out"
    for student, kind in STUDENTS.items():
        write_student(root / student, {STEM: kind})
    journal = out / "journal.sqlite"
    log = open(tmp_path / "batch.log", "w")
    outer = subprocess.Popen(  # `timeout` is the outer limit; the test kills the batch itself
        ["timeout", "-s", "KILL", "300",
         *batch(str(root), "--out", str(out), "--workers", "1", "--exercises", STEM)],
        stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 280
    while not rows(journal):
        assert outer.poll() is None, (tmp_path / "batch.log").read_text()
        assert time.monotonic() < deadline, "no result was committed in time"
        time.sleep(0.1)
    (batch_pid,) = children().get(outer.pid, [])  # timeout's one child: the batch
    below = descendants(batch_pid)
    os.kill(batch_pid, signal.SIGKILL)
    outer.wait(timeout=30)
    log.close()
    before = rows(journal)
    assert 1 <= len(before) < len(STUDENTS), "the batch was not killed mid-way"
    assert below, "the batch had started its grading processes"
    for _ in range(150):  # its grading processes die with it (and their workers with them)
        if not alive(below):
            break
        time.sleep(0.1)
    assert not alive(below), f"left behind: {alive(below)}"

    assert main(["batch", str(root), "--out", str(out), "--workers", "1",
                 "--exercises", STEM]) == 0
    after = rows(journal)
    assert sorted(after) == sorted(STUDENTS)  # every student exactly once (one row each)
    for student, kind in STUDENTS.items():
        assert after[student][0] == expected(STEM, kind), student
    for student, (score, at) in before.items():
        assert after[student] == (score, at), f"{student} was graded again"
    with open(out / "gradebook.csv", newline="") as f:
        book = list(csv.DictReader(f))
    assert [r["student"] for r in book] == sorted(STUDENTS)
    assert all(float(r[STEM]) == expected(STEM, STUDENTS[r["student"]]) for r in book)
