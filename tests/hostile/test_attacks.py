"""Each attack of ``attacks/`` graded by the real ``pytest exercises`` front end in a subprocess.

For every attack the run must show that (1) it gained nothing: the checks it targets do not pass,
and every other check of its exercise does (the honest part keeps its points); (2) every declared
check has exactly one result and the possible score is the declared total; (3) the report and
Gradescope file on disk are the grader's true ones; (4) no process it started outlives the grader;
(5) the exit status is non-zero exactly when a check did not pass or grading did not complete; and
(6) the grader printed its one line about the active protections. Files outside the student's own
folder are untouched, and the 127.0.0.1 listener was never contacted.
"""

from __future__ import annotations

import hostile_attacks
import hostile_schedule
import pytest
from hostile_verdict import problems

ATTACKS = hostile_attacks.attacks()


def test_at_least_thirty_attacks_in_every_group():
    groups = {a.group for a in ATTACKS}
    assert len(ATTACKS) >= 30, len(ATTACKS)
    assert {"time", "resources", "exits", "tamper", "forge", "files", "network", "leak",
            "broken"} <= groups, groups
    for a in ATTACKS:
        assert a.doc, f"{a.name} needs a docstring saying what it does"
        assert a.exercise in hostile_attacks.registry().STEMS, a.name


#: Attacks that still gain, known and explained (README, "What the grader protects"); strict:
#: the day one stops gaining, it passes and its mark must go. (Empty since the reference left
#: the worker: a probe's declared definitions live only in a child that runs that probe.)
KNOWN_GAPS: dict[str, str] = {}


@pytest.mark.parametrize("attack", [
    pytest.param(a.name, marks=pytest.mark.xfail(reason=KNOWN_GAPS[a.name], strict=True))
    if a.name in KNOWN_GAPS else a.name for a in ATTACKS
])
def test_attack_gains_nothing(attack):
    scheduler = hostile_schedule.SCHEDULER
    if scheduler is None or attack not in scheduler.futures:
        pytest.skip("the background runs were not started (collected without the conftest?)")
    a = next(x for x in ATTACKS if x.name == attack)
    out = scheduler.outcome(attack)
    found = problems(next(x for x in out.attacks if x.name == attack), out)
    assert not found, f"{a.name}: {a.summary}\n" + "\n".join(f"- {p}" for p in found)
