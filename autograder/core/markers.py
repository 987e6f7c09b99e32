"""The solution markers, and what a generated file says about where it comes from.

A solution (``solutions/<stem>.py``, or a code question of ``solutions/questionnaire.yaml``) holds
the student's part of each function between nbgrader's markers ``### BEGIN SOLUTION`` and
``### END SOLUTION``. :func:`strip_solutions` turns each region into a ``raise
NotImplementedError(...)`` naming the exercise and where its hint is (:func:`stuck`), the stub a
student gets; :func:`strip_markers` drops the marker lines (the model answer as a reader sees it).

Every generated file starts with :func:`banner`: where it comes from, and that it is not to be
edited by hand.
"""

from __future__ import annotations

import re

from autograder.core.commands import STATIC
from autograder.core.errors import BuildError

BEGIN, END = "### BEGIN SOLUTION", "### END SOLUTION"
_DEF = re.compile(r"^(\s*)(?:def|class)\s+(\w+)")

STUDENTS = "Students: replace each `raise NotImplementedError` with your code."


def banner(source: str, kind: str = "", students: bool = False) -> str:
    """``GENERATED from <source> by `mnist-grade build` (<kind>). Maintainers: ...``: the first
    line of every generated file (each kind of file wraps it in its own comment syntax)."""
    what = f" ({kind})" if kind else ""
    text = (f"GENERATED from {source} by `mnist-grade build`{what}. Maintainers: edit that file, "
            "then rebuild; never edit this one.")
    return f"{text} {STUDENTS}" if students else text


def stuck(stem: str) -> str:
    """Where a stub's ``NotImplementedError`` sends a student for a hint: the terminal command as
    the README's quick start makes it work from the repository root, and the notebook's call
    (single-quoted: the message sits inside a double-quoted string)."""
    return f"stuck? {STATIC} hint {stem} in a terminal, hint('{stem}') in the notebook"


def _enclosing_name(lines: list[str], index: int, indent: int) -> str:
    """The ``def``/``class`` names around line ``index`` (``BasicOptim.step``), innermost last."""
    names, limit = [], indent
    for line in reversed(lines[:index]):
        m = _DEF.match(line)
        if m and len(m.group(1)) < limit:
            names.insert(0, m.group(2))
            limit = len(m.group(1))
            if limit == 0:
                break
    return ".".join(names) or "this cell"


def strip_solutions(source: str, stem: str, path: str = "") -> str:
    """Replace each solution region (markers included) by a ``raise NotImplementedError``.

    Unbalanced markers raise :class:`~autograder.core.errors.BuildError` naming ``path`` and line.
    """
    lines, out, i = source.splitlines(), [], 0
    while i < len(lines):
        line = lines[i]
        if line.strip() == BEGIN:
            try:
                end = next(j for j in range(i + 1, len(lines)) if lines[j].strip() == END)
            except StopIteration:
                raise BuildError(f"{path}:{i + 1}: {BEGIN} has no matching {END}") from None
            indent = line[: len(line) - len(line.lstrip())]
            name = _enclosing_name(lines, i, len(indent))
            out.append(f'{indent}raise NotImplementedError("{stem}: write {name} here ({stuck(stem)})")')
            i = end + 1
            continue
        if line.strip() == END:
            raise BuildError(f"{path}:{i + 1}: {END} without a {BEGIN} before it")
        out.append(line)
        i += 1
    return "\n".join(out) + "\n"


def strip_markers(source: str) -> str:
    """The solution with the marker lines removed (what the reference answer looks like)."""
    return "\n".join(l for l in source.splitlines() if l.strip() not in (BEGIN, END)) + "\n"
