"""Renderers: a text summary for the terminal, the JSON report, and Gradescope's ``results.json``.

They only read :class:`autograder.model.Report`.
"""

from __future__ import annotations

import json
from pathlib import Path

from autograder.model import CheckResult, Report, Status

STATUS_WORD = {
    Status.PASSED: "PASSED",
    Status.WRONG: "WRONG",
    Status.ERROR: "ERROR",
    Status.NOT_ATTEMPTED: "NOT ATTEMPTED",
    Status.TIMEOUT: "TIMEOUT",
}


def result_line(result: CheckResult) -> str:
    """``PASSED 2/2  mnist_loss matches ...``, then the message, indented, when it did not pass."""
    line = f"{STATUS_WORD[result.status]} {result.earned:g}/{result.points}  {result.description}"
    if result.status is not Status.PASSED and result.message:
        line += "\n" + "\n".join("    " + m for m in result.message.splitlines())
    return line


def _points(x: float) -> str:
    return f"{x:g}"


def summary_table(report: Report) -> str:
    """Per exercise: score over possible, and how many checks were right, wrong, not attempted."""
    header = ("exercise", "score", "right", "wrong", "not attempted")
    rows = []
    for e in report.exercises:
        wrong = e.count(Status.WRONG) + e.count(Status.ERROR) + e.count(Status.TIMEOUT)
        rows.append(
            (
                e.exercise,
                f"{_points(e.score)}/{e.possible}",
                str(e.count(Status.PASSED)),
                str(wrong),
                str(e.count(Status.NOT_ATTEMPTED)),
            )
        )
    total = (
        "TOTAL",
        f"{_points(report.score)}/{report.possible}",
        *(str(sum(int(r[i]) for r in rows)) for i in (2, 3, 4)),
    )
    table = [header, *rows, total]
    widths = [max(len(r[i]) for r in table) for i in range(len(header))]

    def line(r):
        return "  ".join(
            c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths))
        )

    sep = "  ".join("-" * w for w in widths)
    return "\n".join([line(header), sep, *map(line, rows), sep, line(total)])


def write_json(report: Report, path: Path) -> None:
    """The full report: score, possible, and per exercise and check name, points, status, message."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(report.to_dict(), indent=2) + "\n")


def write_gradescope(report: Report, path: Path) -> None:
    """Gradescope's autograder ``results.json``: one test per check, messages as output."""
    tests = [
        {
            "name": f"{r.exercise}: {r.description}",
            "number": f"{i + 1}.{j + 1}",
            "score": r.earned,
            "max_score": r.points,
            "status": "passed" if r.status is Status.PASSED else "failed",
            "output": f"{STATUS_WORD[r.status]}. {r.message}".strip(),
            "visibility": "visible",
        }
        for i, e in enumerate(report.exercises)
        for j, r in enumerate(e.results)
    ]
    data = {"score": report.score, "output": summary_table(report), "tests": tests}
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2) + "\n")
