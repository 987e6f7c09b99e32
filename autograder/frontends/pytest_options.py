"""The options of ``pytest exercises``, as a plugin that imports nothing heavy.

``pyproject.toml`` loads it with ``-p`` (``addopts``), before pytest reads any folder named on the
command line: pytest then knows ``--target`` takes a value, so in ``pytest exercises --target DIR``
it never treats ``DIR`` as a folder of tests and never imports a ``conftest.py`` from it into the
grader's process. Where the project's ``pyproject.toml`` is not read (a copy of ``exercises/``
elsewhere), ``exercises/conftest.py`` registers it instead, and the pytest front end refuses a
``--target DIR`` whose folder holds a ``conftest.py`` of its own
(:func:`autograder.frontends.pytest_plugin.register`).
"""

from __future__ import annotations


def pytest_addoption(parser):
    group = parser.getgroup("autograder", "grading the chapter 4 exercises")
    group.addoption(
        "--target",
        metavar="DIR",
        default=None,
        help="grade the files of the same names in DIR (default: the collected ones)",
    )
    group.addoption("--report-json", metavar="PATH", default=None, help="write the report as JSON")
    group.addoption(
        "--gradescope", metavar="PATH", default=None, help="write Gradescope's results.json"
    )
