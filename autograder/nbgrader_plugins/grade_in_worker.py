"""Grading a notebook from outside the student's kernel, in nbgrader's own process.

nbgrader runs every cell of a submission in a kernel that the student's code controls, then
scores each test cell by its outputs: one line in a solution cell that patches the grader in the
kernel would turn any notebook into full marks, and a hung or dead kernel would cost the whole
notebook. The course's ``nbgrader_config.py`` therefore lists these two preprocessors in
``Autograde.autograde_preprocessors``:

- :class:`KeepGoingExecute` runs the notebook's own cells in the kernel as nbgrader does (so the
  feedback shows the student's outputs), but not its test cells, and a kernel that dies or stops
  answering ends the execution, not the student's grade: the notebook goes on to be graded.
- :class:`GradeInWorker` grades the notebook's code (every code cell that is not a test cell,
  exactly as submitted) in the isolated worker (:mod:`autograder.sandbox`), through the same
  checks as ``pytest exercises``, and *replaces* the outputs of every test cell by its result: the
  check's message on stdout, plus an error output when it did not pass, which is how nbgrader
  scores a test cell 0. Whatever the kernel printed in a test cell is discarded.
"""

from __future__ import annotations

import os
import re

from nbformat.v4 import new_output
from nbgrader import utils
from nbgrader.preprocessors import Execute, NbGraderPreprocessor

from autograder.grading.isolated import grader_only_cell

_CALL = re.compile(r"""run_check\(\s*["'](\w+)["']\s*,\s*["'](\w+)["']""")


class KeepGoingExecute(Execute):
    """nbgrader's ``Execute``, except that test cells are not run in the kernel (their outputs
    come from :class:`GradeInWorker`), and a dead or unresponsive kernel stops the execution
    without failing the submission."""

    def preprocess_cell(self, cell, resources, index):
        if _is_test(cell):
            cell.outputs = []
            return cell, resources
        return super().preprocess_cell(cell, resources, index)

    def preprocess(self, nb, resources=None, km=None):
        try:
            return super().preprocess(nb, resources, km=km)
        except Exception as err:  # noqa: BLE001 - DeadKernelError, timeouts, kernel start errors
            self.log.warning("the kernel stopped (%s: %s); grading goes on in the isolated worker",
                             type(err).__name__, err)
            note = new_output("stream", name="stdout", text=(
                f"[the grader: the notebook's kernel stopped here ({type(err).__name__}); "
                "the checks below were graded without it]\n"))
            for cell in nb.cells:
                if cell.cell_type == "code" and not cell.get("outputs") and not _is_test(cell):
                    cell.outputs = [note]
                    break
            return nb, resources


def _is_test(cell) -> bool:
    return cell.cell_type == "code" and utils.is_grade(cell) and not utils.is_solution(cell)


def notebook_code(nb) -> str:
    """Every code cell that is not a test cell, in order, IPython magics commented."""
    parts = []
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code" or _is_test(cell) or grader_only_cell(cell.source):
            continue  # a test cell, or a copy of one the student made
        lines = [f"# (IPython) {line}" if line.lstrip().startswith(("%", "!")) else line
                 for line in cell.source.splitlines()]
        parts.append(f"# cell {i}\n" + "\n".join(lines))
    return "\n\n".join(parts) + "\n"


class GradeInWorker(NbGraderPreprocessor):
    """Score every test cell from the isolated worker's grading, not from the kernel."""

    def preprocess(self, nb, resources):
        tests = [(cell, _CALL.search(cell.source)) for cell in nb.cells if _is_test(cell)]
        tests = [(cell, m.group(1), m.group(2)) for cell, m in tests if m]
        if not tests:
            return nb, resources
        stem = tests[0][1]
        results = self.grade(stem, nb, {name for _, s, name in tests if s == stem})
        for cell, s, name in tests:
            result = results.get((s, name))
            cell.outputs = _outputs(result, s, name)
        return nb, resources

    def grade(self, stem: str, nb, names: set[str]) -> dict:
        """The results of the checks ``names`` of ``stem`` on the notebook's code, graded in a
        worker that cannot see the course folder (other students' notebooks)."""
        from autograder.core.errors import SubmissionError
        from autograder.grading.isolated import compiled
        from autograder.grading.runner import close, grade, load_sources

        shown = f"{stem}.ipynb"
        try:
            sub = load_sources([(compiled(notebook_code(nb), shown), shown)], shown, stem,
                               hide=(os.getcwd(),))
        except SubmissionError as err:
            sub = err
        try:
            report = grade(stem, sub, source=shown, names=names)
        finally:
            close(sub)
        return {(r.exercise, r.name): r for r in report.results}


def _outputs(result, stem: str, name: str) -> list:
    from autograder.render.curves import png_output
    from autograder.render.text import result_line

    if result is None:
        text = f"{stem}::{name}: this check is unknown to the grader (rebuild the course)"
        return [new_output("error", ename="CheckNotPassed", evalue=text,
                           traceback=[f"CheckNotPassed: {text}"])]
    out = [new_output("stream", name="stdout", text=result_line(result) + "\n")]
    if result.curves:  # a failed training check's curve beside the reference's
        out.append(new_output("display_data", data=png_output(result.curves)))
    if result.output.strip():  # what the student's code printed while the check ran
        out.append(new_output("stream", name="stdout", text=(
            "\n(your code printed, while this check ran; it does not change the score)\n"
            + "".join(f"    {line}\n" for line in result.output.splitlines()[-40:]))))
    if result.earned < result.points:
        evalue = (f"{stem}::{name} {result.status.value}, 0/{result.points} points (the message "
                  "above says why)")
        out.append(new_output("error", ename="CheckNotPassed", evalue=evalue,
                              traceback=[f"CheckNotPassed: {evalue}"]))
    return out
