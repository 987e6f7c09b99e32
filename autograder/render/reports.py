"""Reports for machines: the JSON report and Gradescope's ``results.json``.

Both read :class:`autograder.core.model.Report` only, and write atomically.
"""

from __future__ import annotations

import json
from pathlib import Path

from autograder.core.files import atomic_write
from autograder.core.model import Report, Status
from autograder.render.text import STATUS_WORD, summary_table


def write_json(report: Report, path: Path) -> None:
    """The full report: score, possible, and per exercise and check name, points, status, message."""
    atomic_write(Path(path), json.dumps(report.to_dict(), indent=2) + "\n")


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
    atomic_write(Path(path), json.dumps(data, indent=2) + "\n")
