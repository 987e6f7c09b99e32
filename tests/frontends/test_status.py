"""``mnist-grade status``: the table of exercises, points and states, and what to do next."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from autograder import cli
from autograder.checks import registry
from autograder.core.model import CheckResult, ExerciseReport, Status
from autograder.frontends.status import Verdict, next_steps, progress_line, status_table

ROOT = Path(__file__).resolve().parents[2]


def test_status_grades_the_folder_and_says_what_to_do_next(tmp_path, capsys):
    folder = tmp_path / "exercises"
    folder.mkdir()
    shutil.copy(ROOT / "solutions" / "e01_stacking.py", folder)
    shutil.copy(ROOT / "exercises" / "e02_distances.py", folder)
    assert cli.main(["status", "--folder", str(folder)]) == 0
    out = capsys.readouterr().out
    assert re.search(r"e01_stacking\s+8/8\s+done", out), out
    assert re.search(r"e02_distances\s+0/10\s+not started\s+mnist_distance broadcasts", out)
    e03 = registry.exercise("e03_mnist_loss").possible
    assert re.search(rf"e03_mnist_loss\s+0/{e03}\s+no file", out)
    n, total = len(registry.STEMS), sum(e.possible for e in registry.exercises())
    assert re.search(rf"TOTAL\s+8/{total}\s+1 of {n} done", out), out
    assert f"1/{n} exercises done, 8/{total} points" in out
    assert f"Next: {folder / 'e02_distances.py'}" in out
    assert re.search(r"`\S*mnist-grade watch e02_distances` grades it again on every save", out)


def test_a_folder_that_does_not_exist_is_said_plainly(tmp_path, capsys):
    assert cli.main(["status", "--folder", str(tmp_path / "nowhere")]) == 2
    assert "is not a folder" in capsys.readouterr().err


def verdict(stem: str, statuses: list[Status]) -> Verdict:
    report = ExerciseReport(stem, stem, "")
    for i, status in enumerate(statuses):
        report.results.append(CheckResult(stem, f"c{i}", f"check {i}", 1,
                                          1 if status is Status.PASSED else 0, status, "why"))
    return Verdict(report, ROOT / "exercises" / f"{stem}.py")


def test_states_progress_and_the_next_step():
    verdicts = [verdict("e01_stacking", [Status.PASSED] * 2),
                verdict("e02_distances", [Status.PASSED, Status.WRONG, Status.NOT_ATTEMPTED]),
                verdict("e03_mnist_loss", [Status.NOT_ATTEMPTED] * 2)]
    table = status_table(verdicts)
    assert re.search(r"e02_distances\s+1/3\s+in progress\s+check 1 \[wrong\]", table), table
    assert re.search(r"e03_mnist_loss\s+0/2\s+not started\s+check 0$", table, re.M), table
    assert progress_line(verdicts).endswith("1/3 exercises done, 3/7 points")
    assert "first check that does not pass: check 1 [wrong]" in next_steps(verdicts)
    assert "full marks" in next_steps(verdicts[:1])
