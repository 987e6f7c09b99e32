"""What the class got wrong: per check, the fraction that passed and the named causes that fired
most, as a markdown table (``class_report.md``) and a bar plot (``class_report.png``).

A *named cause* is the ``likely cause:`` line of a wrong answer's message
(:class:`autograder.core.feedback.Wrong`): a known mistake the check recognised ("broadcasting:
a [N] tensor combined with a [N, 1] tensor gives [N, N]"). Failures without one are counted by
status (wrong, error, timeout, not attempted). Only files that were handed in and graded count:
an exercise a student did not hand in says nothing about what they misunderstood.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from autograder.core.exercise import STEMS
from autograder.core.files import atomic_write
from autograder.core.model import ExerciseReport, Status

CAUSE = re.compile(r"^\s*likely cause: (.+)$", re.M)
TOP = 3  # causes shown per check


@dataclass
class CheckStats:
    """One check across the class."""

    exercise: str
    name: str
    description: str
    graded: int = 0
    passed: int = 0
    causes: Counter = field(default_factory=Counter)  # named cause -> how many students
    statuses: Counter = field(default_factory=Counter)  # failures without a named cause

    @property
    def fraction(self) -> float:
        return self.passed / self.graded if self.graded else 0.0


def named_cause(message: str) -> str | None:
    """The ``likely cause:`` of a message, or None."""
    m = CAUSE.search(message or "")
    return m.group(1).strip() if m else None


def stats(reports: list[ExerciseReport]) -> list[CheckStats]:
    """Per check, in course order (each exercise's checks in their declared order), from every
    graded exercise report of the class."""
    by_check: dict[tuple[str, str], CheckStats] = {}
    for e in reports:
        for r in e.results:
            s = by_check.setdefault((r.exercise, r.name),
                                    CheckStats(r.exercise, r.name, r.description))
            s.graded += 1
            if r.status is Status.PASSED:
                s.passed += 1
            elif (cause := named_cause(r.message)) is not None:
                s.causes[cause] += 1
            else:
                s.statuses[r.status.value.replace("_", " ")] += 1
    order = {stem: i for i, stem in enumerate(STEMS)}
    return sorted(by_check.values(), key=lambda s: order.get(s.exercise, len(order)))  # stable


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def markdown(rows: list[CheckStats], students: int) -> str:
    """The table, with the checks the fewest passed listed first above it."""
    lines = ["# What the class got wrong", "",
             f"{students} students graded. Per check: the fraction that passed, the named causes "
             "(known mistakes) that fired most, and other failures by kind.", ""]
    worst = sorted((r for r in rows if r.graded), key=lambda r: (r.fraction, -r.graded))[:5]
    if worst:
        lines += ["Teach again first: " + "; ".join(
            f"{r.exercise} {r.name} ({r.fraction:.0%} passed)" for r in worst), ""]
    lines += ["| exercise | check | passed | named causes (students) | other failures |",
              "| --- | --- | ---: | --- | --- |"]
    for r in rows:
        causes = "; ".join(f"{_cell(c)} ({n})" for c, n in r.causes.most_common(TOP))
        if len(r.causes) > TOP:
            causes += f"; {len(r.causes) - TOP} more"
        other = ", ".join(f"{k} {n}" for k, n in sorted(r.statuses.items()))
        lines.append(f"| {r.exercise} | {r.name} | {r.fraction:.0%} ({r.passed}/{r.graded}) | "
                     f"{causes or '-'} | {other or '-'} |")
    return "\n".join(lines) + "\n"


def plot(rows: list[CheckStats], students: int, path: Path) -> Path:
    """A horizontal bar per check (the fraction that passed, coloured by exercise), with its
    most frequent named cause written beside it."""
    import matplotlib

    matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt

    exercises = list(dict.fromkeys(r.exercise for r in rows))
    colours = {e: plt.get_cmap("tab10")(i % 10) for i, e in enumerate(exercises)}
    height = 0.28 * len(rows) + 1.6
    fig, ax = plt.subplots(figsize=(15, height))
    y = range(len(rows))
    ax.barh(list(y), [r.fraction for r in rows], color=[colours[r.exercise] for r in rows])
    ax.set_yticks(list(y), [f"{r.exercise}: {r.name}" for r in rows], fontsize=8)
    ax.set_xlim(0, 1)
    ax.set_xlabel("fraction of the students who handed the exercise in that passed the check")
    ax.xaxis.set_major_formatter(matplotlib.ticker.PercentFormatter(1.0))
    ax.grid(axis="x", alpha=0.3)
    for i, r in enumerate(rows):
        label = f"{r.passed}/{r.graded}"
        if r.causes:
            cause, n = r.causes.most_common(1)[0]
            label += f"   {n}x {cause[:64]}{'...' if len(cause) > 64 else ''}"
        others = ", ".join(f"{n} {kind}" for kind, n in r.statuses.most_common())
        if others:
            label += f"   ({others})" if r.causes else f"   {others}"
        ax.text(1.01, i, label, va="center", fontsize=7.5, transform=ax.get_yaxis_transform(),
                clip_on=False)
    ax.set_ylim(len(rows) - 0.5, -0.5)  # course order, top to bottom, no blank margin
    ax.set_title(f"What the class got wrong ({students} students): passed per check, and the "
                 "named cause that fired most", fontsize=10, loc="left")
    fig.subplots_adjust(left=0.2, right=0.58, top=1 - 0.5 / height, bottom=0.7 / height)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    fig.savefig(tmp, dpi=110, format="png")
    plt.close(fig)
    tmp.replace(path)
    return path


def write(reports: list[ExerciseReport], students: int, out: Path) -> tuple[Path, Path]:
    """``class_report.md`` and ``class_report.png`` in ``out``."""
    rows = stats(reports)
    md = atomic_write(Path(out) / "class_report.md", markdown(rows, students))
    png = plot(rows, students, Path(out) / "class_report.png")
    return md, png
