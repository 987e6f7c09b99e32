"""The pytest front end: ``pytest exercises`` grades every exercise file it collects.

Registered by ``exercises/conftest.py`` (generated; :func:`register`); its options come from
:mod:`autograder.frontends.pytest_options`, which ``pyproject.toml`` loads before pytest reads any
folder, so ``--target DIR`` never makes pytest import ``DIR/conftest.py``. Installing the package
changes nothing in another project's pytest run. Each exercise module (``e03_mnist_loss.py``) is
collected as a file of checks, also when named on the command line (then pytest's own collector,
which would import it in this process, gets an empty node); ``--target DIR`` grades the file of
the same name in ``DIR`` instead (the project's ``solutions/`` or a student's submission; a
folder that does not exist is a usage error), and of a ``.py`` and its notebook the one saved
last is graded (:mod:`autograder.frontends.graded`). A check's outcome is shown with its points;
the end of the run shows a table per exercise and the total, the command that gives a hint (as
this shell can run it), and writes the JSON report (``--report-json``) or Gradescope's
``results.json`` (``--gradescope``) when asked.

The student's code runs in an isolated worker (one fresh worker per exercise file, see
:mod:`autograder.sandbox`), never in pytest's process; the report files are written here, after
every worker is gone. Every selected check gets exactly one result: one the run did not reach
(an interrupted run) is reported as not graded, and the possible score never shrinks.
"""

from __future__ import annotations

import os
import shlex
import sys
from pathlib import Path

import pytest

from autograder.checks import registry
from autograder.core.commands import mnist_grade
from autograder.core.model import CheckResult, Report, Status
from autograder.core.pytest_setup import CONFTEST, OPTIONS_PLUGIN
from autograder.frontends.graded import graded_file
from autograder.grading.runner import close, load_submission, run_check
from autograder.render.reports import write_gradescope, write_json
from autograder.render.text import STATUS_LETTER, STATUS_WORD, points, summary_table

REPORT_KEY = pytest.StashKey[Report]()
SELECTED_KEY = pytest.StashKey[list]()
PROTECTIONS_KEY = pytest.StashKey[list]()
RESULT_PROPERTY = "autograder_result"
PLUGIN = "mnist-grade"


def register(pluginmanager) -> None:
    """Register this module's hooks as the plugin ``mnist-grade``, once per pytest run (called by
    ``exercises/conftest.py``, and by each copy of it pytest loads), and the options plugin if
    ``pyproject.toml`` did not load it first; refuse a run where pytest took a ``--target`` folder
    for a folder of tests and imports a ``conftest.py`` of its own (:func:`foreign_conftests`)."""
    if pluginmanager.has_plugin(PLUGIN):
        return
    if not pluginmanager.has_plugin(OPTIONS_PLUGIN):
        pluginmanager.import_plugin(OPTIONS_PLUGIN)
        config = pluginmanager.get_plugin("pytestconfig")
        found = foreign_conftests(config) if config is not None else []
        if found:
            listed = ", ".join(str(p) for p in found)
            raise pytest.UsageError(
                f"refusing to grade: {listed} is not this project's conftest.py, and pytest runs "
                "a conftest.py of a folder named on its command line inside the grader's process "
                "(it read `--target DIR` as a folder of tests, because this project's "
                "pyproject.toml was not read). Write the option with '=' (`--target=DIR`), which "
                "pytest never reads as a folder, or grade the folder with `mnist-grade batch`."
            )
    pluginmanager.register(sys.modules[__name__], PLUGIN)


def foreign_conftests(config) -> list[Path]:
    """The ``conftest.py`` files pytest loads, or has loaded, from a ``--target DIR`` given with a
    space before the option was declared: ``DIR``'s own, those of its ``test*`` folders, and
    those of its parents below the rootdir's; a copy of the generated ``exercises/conftest.py``
    is harmless and not listed."""
    args = [*shlex.split(os.environ.get("PYTEST_ADDOPTS", "")), *config.invocation_params.args]
    found = []
    for flag, value in zip(args, args[1:]):
        folder = (Path(config.invocation_params.dir) / value).resolve()
        if flag != "--target" or not folder.is_dir():
            continue
        cut = set(Path(config.rootpath).resolve().parents)
        places = [p for p in (folder, *folder.parents) if p not in cut]
        places += [p for p in folder.glob("test*") if p.is_dir()]
        for place in places:
            conftest = place / "conftest.py"
            try:
                if conftest.is_file() and conftest.read_text(encoding="utf-8") != CONFTEST:
                    found.append(conftest)
            except (OSError, UnicodeDecodeError):
                found.append(conftest)
    return found


def pytest_configure(config):
    target = config.getoption("target")
    if target and not Path(target).is_dir():
        what = "is not a folder" if Path(target).exists() else "does not exist"
        raise pytest.UsageError(
            f"--target {target}: {what}. Give the folder that holds the files to grade, "
            "named like those of exercises/ (e03_mnist_loss.py ...)"
        )
    config.stash[REPORT_KEY] = Report(target=target or "")
    config.stash[SELECTED_KEY] = []
    config.stash[PROTECTIONS_KEY] = []


def pytest_collection_modifyitems(config, items):
    checks = [item for item in items if isinstance(item, CheckItem)]
    if checks:
        config.option.verbose = max(config.option.verbose, 1)  # one line per check, with points
    config.stash[SELECTED_KEY] = [item.check for item in checks]


def pytest_deselected(items):
    for item in items:
        if isinstance(item, CheckItem):
            selected = item.config.stash[SELECTED_KEY]
            if item.check in selected:
                selected.remove(item.check)


def pytest_collect_file(file_path: Path, parent):
    if file_path.suffix == ".py" and file_path.stem in registry.STEMS:
        return ExerciseFile.from_parent(parent, path=file_path)
    return None


@pytest.hookimpl(tryfirst=True)
def pytest_pycollect_makemodule(module_path: Path, parent):
    """An exercise file named on the command line (``pytest exercises/e03_mnist_loss.py``) is not
    also a test module: pytest would import the student's code in its own process (a syntax error
    becoming pytest's traceback and "0/0"). :func:`pytest_collect_file` grades it."""
    if module_path.stem in registry.STEMS:
        return NotATestModule.from_parent(parent, path=module_path)
    return None


class NotATestModule(pytest.File):
    """What pytest's own Python collector gets for an exercise file: nothing to import or run."""

    def collect(self):
        return []


class ExerciseFile(pytest.File):
    """An exercise stub, collected as the list of its checks."""

    def collect(self):
        from autograder.sandbox import shared_zygote

        shared_zygote()  # the fork server imports torch while the rest is collected
        self.exercise = registry.exercise(self.path.stem)
        self.graded, note = graded_file(self.path, self.config.getoption("target"))
        self._submission = None
        report = self.config.stash[REPORT_KEY]
        report.exercise(self.exercise.stem, self.exercise.title, f"{self.graded}{note}")
        for check in self.exercise.checks:
            yield CheckItem.from_parent(self, name=check.name, check=check)

    def submission(self):
        if self._submission is None:
            self._submission = load_submission(self.graded, self.exercise.stem)
            line = getattr(self._submission, "protections", "")
            if line and line not in self.config.stash[PROTECTIONS_KEY]:
                self.config.stash[PROTECTIONS_KEY].append(line)
        return self._submission

    def teardown(self):
        """The exercise is graded: its worker (and all it started) goes."""
        close(self._submission)
        self._submission = None


class CheckFailed(Exception):
    """Raised by a check item that did not pass; carries the result for the report."""

    def __init__(self, result: CheckResult) -> None:
        super().__init__(result.message)
        self.result = result


class CheckItem(pytest.Item):
    def __init__(self, *, check, **kwargs) -> None:
        super().__init__(**kwargs)
        self.check = check

    def runtest(self) -> None:
        result = run_check(self.check, self.parent.submission())
        self.config.stash[REPORT_KEY].exercise(self.check.exercise).results.append(result)
        self.user_properties.append((RESULT_PROPERTY, result.to_dict()))
        if result.status is not Status.PASSED:
            raise CheckFailed(result)

    def repr_failure(self, excinfo, style=None):
        if isinstance(excinfo.value, CheckFailed):
            r = excinfo.value.result
            text = f"{self.check.description} [{r.status.value}, 0/{r.points}]\n{r.message}"
            if r.output.strip():
                text += "\n  your code printed while this check ran:\n" + "".join(
                    f"    {line}\n" for line in r.output.splitlines()[-20:])
            return text
        return super().repr_failure(excinfo, style)

    def reportinfo(self):
        return self.path, None, f"{self.check.exercise}::{self.check.name}"


def pytest_report_teststatus(report, config):
    if report.when != "call":
        return None
    for key, value in report.user_properties:
        if key == RESULT_PROPERTY:
            status = Status(value["status"])
            word = f"{STATUS_WORD[status]} {points(value['earned'], value['points'])}"
            outcome = "passed" if status is Status.PASSED else "failed"
            return outcome, STATUS_LETTER[status], word
    return None


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    report = config.stash.get(REPORT_KEY, None)
    if report is None or not report.exercises:
        return
    from mnist_ref.runtime import default_device

    report.device = str(default_device())
    _complete(report, config.stash[SELECTED_KEY])
    terminalreporter.section("chapter 4 score")
    for line in config.stash[PROTECTIONS_KEY]:
        terminalreporter.write_line(line)
    for e in report.exercises:
        terminalreporter.write_line(f"{e.exercise}: graded {e.source}")
    terminalreporter.write_line("")
    terminalreporter.write_line(summary_table(report))
    if report.possible and report.score < report.possible:
        stem = next(e.exercise for e in report.exercises if e.score < e.possible)
        terminalreporter.write_line(
            f"\nEach check above that did not pass says why. Stuck? `{mnist_grade('hint', stem)}` "
            f"gives a nudge and `{mnist_grade('hint', stem, '2')}` says more (in the notebook: "
            f'hint("{stem}")).'
        )
    if path := config.getoption("report_json"):
        write_json(report, Path(path))
        terminalreporter.write_line(f"report written to {path}")
    if path := config.getoption("gradescope"):
        write_gradescope(report, Path(path))
        terminalreporter.write_line(f"Gradescope results written to {path}")


def _complete(report: Report, selected) -> None:
    """Give every selected check that has no result one (the run stopped before it)."""
    for check in selected:
        er = report.exercise(check.exercise)
        if any(r.name == check.name for r in er.results):
            continue
        er.results.append(CheckResult(
            exercise=check.exercise, name=check.name, description=check.description,
            points=check.points, earned=0, status=Status.ERROR,
            message="not graded: the run stopped before this check ran",
        ))
