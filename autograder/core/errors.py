"""One exception hierarchy, split by who is at fault and so who must act.

- :class:`SubmissionError`: the student's file cannot be graded as it is (missing, unreadable, a
  function renamed); the message says what to fix. :class:`MissingName` is the common case.
- :class:`GraderError`: the grader's own configuration is wrong (the instructor's or the
  maintainer's fault, never the student's); the message says so and what to report.
  :class:`BuildError` is the build's case: a source file breaks the rules of ``mnist-grade build``.

A wrong answer is not an error: checks fail with :class:`autograder.core.feedback.Wrong`.
"""

from __future__ import annotations


class SubmissionError(Exception):
    """The submission cannot be graded as it is (missing file, syntax error, missing function)."""


class MissingName(SubmissionError, AttributeError):
    """A function or class the exercise asks for is not defined in the student's file."""


class GraderError(RuntimeError):
    """The grader itself is misconfigured (the instructor's or maintainer's fault, never the
    student's): the message says so and what to report."""


class BuildError(GraderError, ValueError):
    """A source file breaks the rules of the build (unbalanced markers, a region outside code)."""
