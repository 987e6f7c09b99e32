"""Rendering the chapter's table: a text table for the terminal and JSON for machines.

Both only read :class:`mnist_ref.stages.StageResult` rows.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

from mnist_ref.stages import StageResult

COLUMNS = ("stage", "data", "accuracy", "threshold", "result", "seconds", "device")


def _verdict(row: StageResult) -> str:
    if row.passed is None:
        return "no threshold"
    return "pass" if row.passed else "FAIL"


def format_table(rows: list[StageResult]) -> str:
    """A fixed-width table, one line per stage, then a one-line summary."""
    cells = [COLUMNS] + [
        (
            r.stage,
            r.data,
            f"{r.accuracy:.4f}",
            "-"
            if r.threshold is None
            else ("=" if r.rule == "exact" else ">=") + f"{r.threshold:.4f}",
            _verdict(r),
            f"{r.seconds:.2f}",
            r.device,
        )
        for r in rows
    ]
    widths = [max(len(c[i]) for c in cells) for i in range(len(COLUMNS))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(cell, widths)).rstrip() for cell in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    failed = [r.stage for r in rows if r.passed is False]
    total = sum(r.seconds for r in rows)
    summary = f"{len(rows)} stages in {total:.1f} s: "
    summary += (
        f"{len(failed)} below threshold ({', '.join(failed)})"
        if failed
        else "all at or above their thresholds"
    )
    return "\n".join(lines + ["", summary])


def write_json(rows: list[StageResult], path: Path) -> None:
    """One JSON object per stage (all fields of :class:`StageResult`), as a list."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps([asdict(r) for r in rows], indent=2) + "\n")
