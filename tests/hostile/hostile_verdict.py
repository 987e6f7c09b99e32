"""Judging a run for one attack: everything that shows the attack gained something, cost an honest
check its points, or left a trace (an empty list: the grader stayed true).

(1) the checks the attack targets did not pass, every other check of its exercise did;
(2) every declared check has exactly one result, and the possible score is the declared total;
(3) the report and Gradescope's results.json on disk are the grader's (no attack's mark, the
    checks' points add up, both files and the terminal's score table agree);
(4) no process of the run outlived it; (5) the exit status is non-zero exactly when a check did
not pass or grading did not complete; (6) the line about active protections was printed.
"""

from __future__ import annotations

import re

from hostile_attacks import Attack, declared
from hostile_run import Outcome

PROTECTIONS = re.compile(r"isolation: \S")
KILLED = (124, 137)  # timeout's statuses: the run was stopped from outside


def problems(attack: Attack, out: Outcome) -> list[str]:
    found = [what for what, names in out.incidents if names is None or attack.name in names]
    rc = out.returncode
    if rc is None or rc in KILLED or rc < 0 or rc >= 128:
        found.append(f"the grader was killed from outside or by a signal (exit status {rc}, "
                     f"after {out.seconds} s)")
    if not any(PROTECTIONS.search(line) for line in out.stdout.splitlines()):
        found.append("no line saying which protections are active ('isolation: ...')")
    if out.stdout_size > 1 << 20:
        found.append(f"the grader's output is {out.stdout_size} bytes: the student's output "
                     "reached it unbounded")
    report = out.report
    if report is None:
        found.append("no JSON report: " + (repr(out.report_text[:200]) if out.report_text
                                           else "the file is missing"))
    else:
        found += _report_problems(attack, out, report)
    if found:
        found.append(f"(run of {', '.join(a.name for a in out.attacks)}: {out.seconds} s, exit "
                     f"status {rc})\n--- stdout (tail)\n{out.stdout[-2500:]}\n--- stderr (tail)\n"
                     f"{out.stderr[-1500:]}")
    return found


def _report_problems(attack: Attack, out: Outcome, report: dict) -> list[str]:
    found = []
    if attack.token in _without_messages(report) + _without_messages(out.gradescope):
        found.append(f"a report file holds this attack's mark {attack.token}: it was forged")
    exercises = {e.get("name"): e for e in report.get("exercises", [])}
    all_passed = True
    for stem in out.stems:
        points = declared(stem)
        e = exercises.get(stem)
        if e is None:
            found.append(f"{stem} is missing from the report")
            all_passed = False
            continue
        results = {}
        for r in e.get("checks", []):
            if r.get("name") in results:
                found.append(f"{stem}::{r.get('name')} is reported twice")
            results[r.get("name")] = r
        if set(results) != set(points):
            found.append(f"{stem}: the reported checks {sorted(results)} are not the declared "
                         f"ones {sorted(points)}")
        if e.get("possible") != sum(points.values()):
            found.append(f"{stem}: possible is {e.get('possible')}, declared "
                         f"{sum(points.values())}")
        earned = sum(float(r.get("earned", 0)) for r in results.values())
        if abs(float(e.get("score", -1)) - earned) > 1e-9:
            found.append(f"{stem}: the score {e.get('score')} is not the sum of its checks, {earned}")
        all_passed &= set(results) >= set(points) and all(
            r.get("status") == "passed" for r in results.values())
        if stem in attack.stems:
            found += _check_problems(attack, stem, points, results)
    declared_total = sum(sum(declared(s).values()) for s in out.stems)
    if report.get("possible") != declared_total:
        found.append(f"the report's possible score is {report.get('possible')}, declared "
                     f"{declared_total}")
    gs = out.gradescope
    if gs is None:
        found.append("no Gradescope results.json (or it is not JSON)")
    else:
        if abs(float(gs.get("score", -1)) - float(report.get("score", -2))) > 1e-9:
            found.append(f"Gradescope's score {gs.get('score')} is not the report's "
                         f"{report.get('score')}")
        n_checks = sum(len(declared(s)) for s in out.stems)
        if len(gs.get("tests", [])) != n_checks:
            found.append(f"Gradescope lists {len(gs.get('tests', []))} tests, declared {n_checks}")
    for stem in [*out.stems, "TOTAL"]:  # no line at column 0 claims another score
        e = report if stem == "TOTAL" else exercises.get(stem)
        for m in re.finditer(rf"(?m)^{stem}\s+([\d.]+)/(\d+)\b", out.stdout):
            if e and (float(m.group(1)), int(m.group(2))) != (float(e["score"]), e["possible"]):
                found.append(f"the terminal shows {m.group(0)!r}; the report says "
                             f"{e['score']}/{e['possible']}")
    rc = out.returncode
    if rc is not None and (rc != 0) != (not all_passed):
        found.append(f"exit status {rc} while "
                     + ("every check passed" if all_passed else "some check did not pass"))
    return found


def _without_messages(data) -> str:
    """The report as text, without the messages (which may quote the student's output)."""
    if isinstance(data, dict):
        return " ".join(f"{k} {_without_messages(v)}" for k, v in data.items()
                        if k not in ("message", "output"))
    if isinstance(data, list):
        return " ".join(_without_messages(v) for v in data)
    return str(data)


def _check_problems(attack: Attack, stem: str, points: dict, results: dict) -> list[str]:
    found = []
    must, may = attack.expected(stem)
    for name, pts in points.items():
        r = results.get(name)
        if r is None:
            continue
        passed = r.get("status") == "passed"
        said = f"{stem}::{name} {r.get('status')} {r.get('earned')}/{r.get('points')}"
        if r.get("points") != pts or float(r.get("earned", -1)) != (pts if passed else 0):
            found.append(f"{said}: its points do not match the declared {pts}")
        if name in must and passed:
            found.append(f"{said}: GAINED (the attack must not pass this check)")
        elif name not in must and name not in may and not passed:
            found.append(f"{said}: an honest check lost its points: "
                         f"{str(r.get('message', ''))[:400]}")
        if stem != attack.exercise:
            continue
        message = str(r.get("message", ""))
        if name in attack.status and r.get("status") != attack.status[name]:
            found.append(f"{said}: expected status {attack.status[name]}")
        if name in attack.message and not re.search(attack.message[name], message):
            found.append(f"{said}: the message does not say what happened "
                         f"(/{attack.message[name]}/): {message[:300]!r}")
        if name in attack.message_lacks and re.search(attack.message_lacks[name], message):
            found.append(f"{said}: the message says /{attack.message_lacks[name]}/: "
                         f"{message[:300]!r}")
    return found
