"""The chapter 4 autograder: checks compared with the reference :mod:`mnist_ref`, three front ends.

- ``pytest exercises`` (:mod:`autograder.pytest_plugin`), for students and CI;
- ``check(stem, globals())`` and ``hint(stem)`` in notebooks (:mod:`autograder.notebook`);
- nbgrader test cells, generated from the same checks.

The data model lives in :mod:`autograder.model`; checks, one module per exercise, in
:mod:`autograder.checks`; the exercise list in :mod:`autograder.registry`.
"""
