"""Grades the exercises in this folder: run `pytest exercises` from the project root.

`pytest exercises --target solutions` grades another folder with the same file names;
`--report-json PATH` and `--gradescope PATH` write the report. See the README, "For students".
"""

from autograder.pytest_plugin import (  # noqa: F401 - pytest finds hooks by name
    pytest_addoption,
    pytest_collect_file,
    pytest_configure,
    pytest_report_teststatus,
    pytest_terminal_summary,
)
