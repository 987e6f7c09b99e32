"""What issue 3 calls done: the solutions get full marks, untouched stubs get 0 with every check
not attempted, and the point totals of every exercise are what the registry says."""

import json
import subprocess
import sys
from pathlib import Path

from autograder.checks import registry

ROOT = Path(__file__).resolve().parents[2]


def grade(tmp_path, *args):
    report = tmp_path / "report.json"
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "exercises",
            "-p",
            "no:cacheprovider",
            "--report-json",
            str(report),
            *args,
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    return out, json.loads(report.read_text())


def test_solutions_get_full_marks(tmp_path):
    out, data = grade(tmp_path, "--target", "solutions")
    assert data["score"] == data["possible"] > 0, out.stdout[-5000:]
    assert [e["name"] for e in data["exercises"]] == registry.STEMS
    for e in data["exercises"]:
        assert e["possible"] == registry.exercise(e["name"]).possible


def test_untouched_stubs_get_zero_with_every_check_not_attempted(tmp_path):
    out, data = grade(tmp_path)
    assert data["score"] == 0
    statuses = {c["name"]: c["status"] for e in data["exercises"] for c in e["checks"]}
    assert set(statuses.values()) == {"not_attempted"}, out.stdout[-5000:]
