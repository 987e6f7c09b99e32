"""``--scheduler``: the same batch on a real Dask cluster (a LocalCluster of two worker processes
on 127.0.0.1): the files go as bytes, each Dask worker grades in its own isolated worker and
returns plain data, the journal and the outputs stay here; the gradebook is the local one's."""

from __future__ import annotations

import csv
import json
import sqlite3

import pytest
from batch_class import expected, write_student

from autograder.cli import main

pytestmark = pytest.mark.slow

STEM = "e02_distances"
STUDENTS = {"ann": "solution", "bob": "stub", "cyd": "e02_distances__no_abs",
            "dan": "e02_distances__is_3_reversed"}


@pytest.fixture(scope="module")
def cluster():
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  host="127.0.0.1", dashboard_address=None) as c:
        yield c


def test_a_class_graded_on_a_dask_cluster(cluster, tmp_path, capsys):
    root, out = tmp_path / "class", tmp_path / "out"
    for student, kind in STUDENTS.items():
        write_student(root / student, {STEM: kind})
    (root / "broken.zip").write_bytes(b"not a zip")
    code = main(["batch", str(root), "--out", str(out), "--exercises", STEM,
                 "--scheduler", cluster.scheduler_address])
    err = capsys.readouterr().err
    assert code == 1, err  # the broken zip
    assert "2 Dask threads" in err and "4 files to grade" in err
    with open(out / "gradebook.csv", newline="") as f:
        book = {r["student"]: r for r in csv.DictReader(f)}
    for student, kind in STUDENTS.items():
        assert float(book[student][STEM]) == expected(STEM, kind), book[student]
    assert "not a zip file" in book["broken"]["status"]
    # the reports name the instructor's files, not the Dask worker's temporary copies
    report = json.loads((out / "students" / "cyd" / "report.json").read_text())
    assert report["exercises"][0]["source"] == str(root / "cyd" / f"{STEM}.py")
    db = sqlite3.connect(out / "journal.sqlite")
    assert db.execute("SELECT COUNT(*) FROM graded").fetchone()[0] == 4
    db.close()
    # a rerun on the cluster grades nothing again
    assert main(["batch", str(root), "--out", str(out), "--exercises", STEM,
                 "--scheduler", cluster.scheduler_address]) == 1
    assert "0 files to grade, 4 already graded" in capsys.readouterr().err
