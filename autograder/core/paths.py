"""Where things are: the project root and the folders every part of the autograder names.

Functions that read or write these take a ``root`` argument (default :data:`ROOT`), so that a test
can point them at a copy of the project in a temporary folder.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SOLUTIONS = "solutions"  # the single source: solutions/<stem>.py, solutions/questionnaire.yaml
EXERCISES = "exercises"  # generated: the students' stubs and notebooks
COURSE = "course"  # generated: the nbgrader course (plus nbgrader's own working folders)
DOCS = "docs"
TESTS = "tests"
README = "README.md"


def solution(stem: str, root: Path = ROOT) -> Path:
    """``solutions/<stem>.py``: the model answer of exercise ``stem``, markers included."""
    return Path(root) / SOLUTIONS / f"{stem}.py"
