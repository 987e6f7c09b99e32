"""A normal install works (issue 12, item 3): `.ci/wheel` builds the wheel, installs it without -e
into a fresh environment and uses it outside the clone with an empty home (the questionnaire,
`pytest exercises` on a copy of exercises/, `mnist-ref run` on the embedded digits).

About two minutes on the 2-core machine: the slow tier. `.ci/run` runs `.ci/wheel` itself (and
deselects this test there)."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_the_wheel_installed_without_e_works_outside_the_clone():
    run = subprocess.run(["bash", str(ROOT / ".ci" / "wheel"), sys.prefix], capture_output=True,
                         text=True, timeout=1200, stdin=subprocess.DEVNULL)
    shown = f"{run.stdout[-6000:]}\n{run.stderr[-3000:]}"
    assert run.returncode == 0, shown
    assert "package data: autograder/grading/stub_imports.json, autograder/quiz/questionnaire.yaml" \
        in run.stdout, shown
    assert "stubs: 0/" in run.stdout and "== done" in run.stdout, shown
