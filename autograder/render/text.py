"""Text for terminals and notebooks: one line per check result, and the summary table.

Reads :class:`autograder.core.model.Report` only; every front end prints with these.
"""

from __future__ import annotations

from autograder.core.model import CheckResult, Report, Status

STATUS_WORD = {
    Status.PASSED: "PASSED",
    Status.WRONG: "WRONG",
    Status.ERROR: "ERROR",
    Status.NOT_ATTEMPTED: "NOT ATTEMPTED",
    Status.TIMEOUT: "TIMEOUT",
}

#: pytest's one-letter progress marks (``.`` passed, as pytest shows it).
STATUS_LETTER = {
    Status.PASSED: ".",
    Status.WRONG: "W",
    Status.ERROR: "E",
    Status.NOT_ATTEMPTED: "N",
    Status.TIMEOUT: "T",
}


def points(earned: float, possible: float) -> str:
    """``2/3``, ``0.5/1``: points as the student reads them."""
    return f"{earned:g}/{possible:g}"


def result_line(result: CheckResult) -> str:
    """``PASSED 2/2  mnist_loss matches ...``, then the message, indented, when it did not pass."""
    line = f"{STATUS_WORD[result.status]} {points(result.earned, result.points)}  {result.description}"
    if result.status is not Status.PASSED and result.message:
        line += "\n" + "\n".join("    " + m for m in result.message.splitlines())
    return line


def table(header: tuple[str, ...], rows: list[tuple[str, ...]], footer: tuple[str, ...]) -> str:
    """A fixed-width table: the first column left-aligned, the others right-aligned, rules under
    the header and above the footer."""
    every = [header, *rows, footer]
    widths = [max(len(r[i]) for r in every) for i in range(len(header))]

    def line(r):
        return "  ".join(
            c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths))
        )

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(header), rule, *map(line, rows), rule, line(footer)])


def summary_table(report: Report) -> str:
    """Per exercise: score over possible, and how many checks were right, wrong, not attempted."""
    rows = []
    for e in report.exercises:
        wrong = e.count(Status.WRONG) + e.count(Status.ERROR) + e.count(Status.TIMEOUT)
        rows.append(
            (
                e.exercise,
                points(e.score, e.possible),
                str(e.count(Status.PASSED)),
                str(wrong),
                str(e.count(Status.NOT_ATTEMPTED)),
            )
        )
    total = (
        "TOTAL",
        points(report.score, report.possible),
        *(str(sum(int(r[i]) for r in rows)) for i in (2, 3, 4)),
    )
    return table(("exercise", "score", "right", "wrong", "not attempted"), rows, total)
