"""``mnist-grade watch`` driven as a student uses it: started in a terminal, files saved, Ctrl-C."""

from __future__ import annotations

import importlib.util
import re
import shutil
import signal
import sys
from pathlib import Path

import pytest

from autograder.checks import registry
from autograder.core.markers import strip_markers

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def latency():
    """``benchmarks/watch_latency.py``: its subprocess driver and editor-like save."""
    path = ROOT / "benchmarks" / "watch_latency.py"
    spec = importlib.util.spec_from_file_location("watch_latency", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules["watch_latency"] = module
    spec.loader.exec_module(module)
    return module


def test_watch_grades_every_save_and_moves_on_when_an_exercise_is_done(tmp_path, latency):
    folder = tmp_path / "exercises"
    folder.mkdir()
    shutil.copy(ROOT / "solutions" / "e01_stacking.py", folder)  # done already
    shutil.copy(ROOT / "exercises" / "e02_distances.py", folder)  # the stub
    answer = strip_markers((ROOT / "solutions" / "e02_distances.py").read_text())
    watch = latency.WatchProcess("e02_distances", folder)
    try:
        _, first = watch.screen(timeout=300)  # every exercise graded once, the worker warm
        assert "Exercise 2: pixel similarity" in first and "0/10 points" in first
        assert "NOT ATTEMPTED 0/2  mnist_distance" in first
        n, total = len(registry.STEMS), sum(e.possible for e in registry.exercises())
        assert "progress: [" in first and f"1/{n} exercises done, 8/{total} points" in first

        latency.save(folder / "e02_distances.py", answer.replace("(a - b).abs()", "(a - b)"))
        _, wrong = watch.screen(timeout=120)
        assert "The first check that does not pass:\nWRONG 0/2  mnist_distance" in wrong, wrong
        assert re.search(r"graded at [\d:]+ in [\d.]+ s: \d+/10 points", wrong)

        latency.save(folder / "e02_distances.py", answer)
        _, done = watch.screen(timeout=120)
        assert "Done: e02_distances passes every check (10/10 points)." in done, done
        assert "Next exercise:" in done and f"2/{n} exercises done, 18/{total} points" in done
        after = registry.STEMS[registry.STEMS.index("e02_distances") + 1]
        assert f"mnist-grade hint {after}`" in done  # the exercise shown now
    finally:
        watch.proc.send_signal(signal.SIGINT)  # Ctrl-C
        try:
            watch.proc.wait(timeout=60)
        finally:
            watch.stop()
    assert watch.proc.returncode == 0
    with pytest.raises(RuntimeError, match="mnist-grade watch: stopped."):
        watch.screen(timeout=10)  # the rest of the output, up to its end
