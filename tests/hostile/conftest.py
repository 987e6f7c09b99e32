"""The hostile-submission suite: markers, and every run started in the background at once.

Every test here is marked ``hostile`` and ``slow``: the suite runs in the slow tier (``pytest -m
slow``, or alone: ``pytest -m hostile``; ``.ci/run`` runs it), its background gradings too much for
the default tier's 3 minutes. When collection ends, the runs of the selected attacks
start in a small pool of subprocesses (``HOSTILE_JOBS``, default 3), so the suite takes about as
long as its slowest runs rather than their sum; each test then waits for its own run.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import hostile_attacks  # noqa: E402
import hostile_schedule  # noqa: E402

HERE = Path(__file__).resolve().parent


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "hostile: grades a hostile or broken submission in a subprocess under outer limits "
        "(tests/hostile; in the slow tier; alone: -m hostile)",
    )
    config.addinivalue_line(
        "markers", "nbgrader_course: needs the background `nbgrader autograde` run of tests/hostile")


def pytest_collection_modifyitems(config, items):
    for item in items:
        if item.path.resolve().is_relative_to(HERE):
            item.add_marker(pytest.mark.hostile)
            item.add_marker(pytest.mark.slow)


def pytest_collection_finish(session):
    if session.config.option.collectonly:
        return
    mine = [i for i in session.items if i.path.resolve().is_relative_to(HERE)]
    if not mine:
        return
    names = {i.callspec.params["attack"] for i in mine
             if hasattr(i, "callspec") and "attack" in i.callspec.params}
    selected = [a for a in hostile_attacks.attacks() if a.name in names]
    extra = {}
    if any(i.get_closest_marker("nbgrader_course") for i in mine):
        from test_nbgrader_attacks import autograde_course

        extra["nbgrader"] = autograde_course
    hostile_schedule.SCHEDULER = hostile_schedule.Scheduler()
    hostile_schedule.SCHEDULER.start(selected, extra)


def pytest_sessionfinish(session, exitstatus):
    if hostile_schedule.SCHEDULER is not None:
        hostile_schedule.SUMMARY[:] = hostile_schedule.SCHEDULER.summary()
        hostile_schedule.SCHEDULER.close()
        hostile_schedule.SCHEDULER = None


def pytest_terminal_summary(terminalreporter):
    if hostile_schedule.SUMMARY:
        terminalreporter.section("hostile runs (wall time, exit status, attacks)")
        for line in hostile_schedule.SUMMARY:
            terminalreporter.write_line(line)
