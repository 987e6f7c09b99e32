"""Rendering the chapter's table: a text table for the terminal and JSON for machines.

Both only read rows: a :class:`mnist_ref.stages.StageResult` for each stage that ran, and a
:class:`SkippedStage` for each stage that could not run (its data could not be loaded).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from mnist_ref.stages import StageResult

COLUMNS = ("stage", "data", "accuracy", "threshold", "result", "seconds", "device")


@dataclass
class SkippedStage:
    """A stage that did not run; ``dataset`` is the data it needs, ``reason`` says why in a line."""

    stage: str
    title: str
    dataset: str
    reason: str


Row = StageResult | SkippedStage


def _verdict(row: StageResult) -> str:
    if row.passed is None:
        return "no threshold"
    return "pass" if row.passed else "FAIL"


def _cells(row: Row) -> tuple[str, ...]:
    if isinstance(row, SkippedStage):
        return (row.stage, row.dataset, "-", "-", "skipped", "-", "-")
    return (
        row.stage,
        row.data,
        f"{row.accuracy:.4f}",
        "-"
        if row.threshold is None
        else ("=" if row.rule == "exact" else ">=") + f"{row.threshold:.4f}",
        _verdict(row),
        f"{row.seconds:.2f}",
        row.device,
    )


def summary(rows: list[Row]) -> str:
    """One line: how many stages ran and how long, which missed a threshold, which were not judged
    (no threshold recorded for their data) and which were skipped."""
    ran = [r for r in rows if isinstance(r, StageResult)]
    skipped = [r for r in rows if isinstance(r, SkippedStage)]
    failed = [r.stage for r in ran if r.passed is False]
    judged = [r for r in ran if r.passed is not None]
    unjudged = [r.stage for r in ran if r.passed is None]
    parts = []
    if failed:
        parts.append(f"{len(failed)} below threshold ({', '.join(failed)})")
    elif judged and not unjudged:
        parts.append("all at or above their thresholds")
    elif judged:
        parts.append(f"{len(judged)} at or above their thresholds")
    if unjudged and judged:
        names = ", ".join(unjudged)
        parts.append(f"{len(unjudged)} not judged (no threshold recorded for their data: {names})")
    elif unjudged:
        parts.append("none judged: no threshold is recorded for this data")
    if skipped:
        reasons = "; ".join(dict.fromkeys(r.reason for r in skipped))
        parts.append(f"{len(skipped)} skipped: {reasons}")
    total = sum(r.seconds for r in ran)
    head = f"{len(ran)} stage{'' if len(ran) == 1 else 's'} in {total:.1f} s"
    return f"{head}: {'; '.join(parts)}" if parts else head


def format_table(rows: list[Row]) -> str:
    """A fixed-width table, one line per stage in the order given, then a one-line summary."""
    cells = [COLUMNS] + [_cells(r) for r in rows]
    widths = [max(len(c[i]) for c in cells) for i in range(len(COLUMNS))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(cell, widths)).rstrip() for cell in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines + ["", summary(rows)])


def _as_dict(row: Row) -> dict:
    if isinstance(row, StageResult):
        return {**asdict(row), "skipped": None}
    empty = {f.name: None for f in fields(StageResult)}
    return {
        **empty,
        "stage": row.stage,
        "title": row.title,
        "data": row.dataset,
        "skipped": row.reason,
    }


def write_json(rows: list[Row], path: Path) -> None:
    """One JSON object per stage, as a list: every field of :class:`StageResult` plus ``skipped``
    (None for a stage that ran; for a skipped one, the reason, with ``data`` its dataset's name
    and the measured fields None)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps([_as_dict(r) for r in rows], indent=2) + "\n")
