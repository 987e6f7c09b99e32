"""``course/nbgrader_config.py``: the course's nbgrader settings, each set deliberately.

- ``Execute.timeout``: nbgrader stops a cell after 30 s by default and scores it 0 with a bare
  "CellTimeoutError". Every check has its own limit (``Check.timeout``: 20 s, 60 s for a check
  that trains), enforced inside the kernel with a message for the student, so nbgrader's limit is
  the largest check limit plus :data:`MARGIN` s, so a check's own limit always fires first.
  Measured on a 2-core CPU: all checks of the 7 exercises and the questionnaire take 2.3 s
  together; the slowest one (e07 ``fit_with_torch_sgd``) 0.9 s, a training check 0.2-0.4 s, about
  10 s the very first time the data cache is built; autograding one notebook, kernel start
  included, takes about 3 s. Nothing is near 30 s, but the limit is set on purpose, not left to
  the default.
- ``IgnorePattern.pattern``: :func:`autograder.frontends.nbgrader_cell.run_check` already moves warnings and
  stderr to stdout; this second guard drops a warning that still reaches stderr (from another
  thread, say) before nbgrader scores the cell: nbgrader gives 0 to a test cell with any stderr.
- ``OverwriteCells.add_missing_cells``: a test cell a student deleted is put back and run (by
  :class:`autograder.nbgrader_plugins.preprocessors.RestoreDeletedCells`, which fixes nbgrader's placement),
  so a deleted check is graded all the same. A copied cell counts once: the last copy is graded,
  the others become ordinary cells (:class:`~autograder.nbgrader_plugins.preprocessors.DropDuplicateIds`;
  nbgrader's own ``DeduplicateIds`` makes the whole submission fail to autograde).
- ``ClearMarkScheme.enforce_metadata``: off, so the questionnaire's read-only question cells can
  hold the rubric in a mark scheme region: removed from the students' release, restored by
  ``autograde`` (nbgrader restores read-only cells), so the instructor sees it while grading.
- ``Autograde.autograde_preprocessors``: nbgrader's own list with ``Execute`` replaced by
  :class:`~autograder.nbgrader_plugins.grade_in_worker.KeepGoingExecute` (test cells are not run
  in the student's kernel; a dead or hung kernel does not fail the submission) and
  :class:`~autograder.nbgrader_plugins.grade_in_worker.GradeInWorker` before ``SaveAutoGrades``:
  every test cell's outputs come from grading the notebook's code in the isolated worker, so
  nothing the student's kernel does can change a score.
- ``Exchange.root``: the exchange folder inside the course folder (``$MNIST_NBGRADER_EXCHANGE``
  overrides; on a JupyterHub it is usually ``/srv/nbgrader/exchange``).
"""

from __future__ import annotations

COURSE_ID = "mnist-basics-ch4"
MARGIN = 60
WARNING_PATTERN = r"\w*Warning: "

TEMPLATE = '''"""{note}

The nbgrader configuration of the chapter 4 course: run every `nbgrader` command from this folder
(with the project's venv first on PATH: nbgrader runs `alembic`, and the kernel `python3` must be
the venv's python). Why each setting: see autograder/build/course/config.py.
"""

import os

from nbconvert.preprocessors import ClearMetadataPreprocessor
from nbgrader.preprocessors import (
    AssignLatePenalties,
    CheckCellMetadata,
    ClearOutput,
    IgnorePattern,
    LimitOutput,
    OverwriteKernelspec,
    SaveAutoGrades,
)

from autograder.nbgrader_plugins.grade_in_worker import GradeInWorker, KeepGoingExecute
from autograder.nbgrader_plugins.preprocessors import DropDuplicateIds, RestoreDeletedCells

c = get_config()  # noqa: F821 - nbgrader defines get_config when it reads this file

HERE = os.path.dirname(os.path.abspath(__file__))

c.CourseDirectory.course_id = "{course_id}"
c.CourseDirectory.root = HERE
c.Exchange.root = os.environ.get("MNIST_NBGRADER_EXCHANGE", os.path.join(HERE, "exchange"))

# The largest check time limit ({largest:g} s, each check enforces its own) plus {margin} s.
c.Execute.timeout = {timeout}
# A test cell that writes to stderr scores 0: drop warnings that still get there.
c.IgnorePattern.pattern = r"{pattern}"
# A deleted test cell is put back and graded; a copied cell counts once. nbgrader's own
# preprocessors for this make the student's submission fail to autograde (see the classes).
c.OverwriteCells.add_missing_cells = True
c.Autograde.sanitize_preprocessors = [
    ClearOutput, DropDuplicateIds, OverwriteKernelspec, RestoreDeletedCells, CheckCellMetadata,
]
# Test cells are graded in the isolated worker from outside the student's kernel, never in it;
# a kernel that dies or hangs costs only the cells it did not run (nbgrader's list, two swapped).
c.Autograde.autograde_preprocessors = [
    KeepGoingExecute, IgnorePattern, ClearMetadataPreprocessor, LimitOutput, GradeInWorker,
    SaveAutoGrades, AssignLatePenalties, CheckCellMetadata,
]
# The questionnaire's rubric lives in mark scheme regions of read-only question cells.
c.ClearMarkScheme.enforce_metadata = False
'''


def timeout(checks) -> int:
    """nbgrader's per-cell limit: the largest check limit plus :data:`MARGIN` seconds."""
    return int(max((c.timeout for c in checks), default=30) + MARGIN)


def config_text(checks, note: str) -> str:
    """The text of ``nbgrader_config.py`` for a course graded by ``checks``."""
    largest = max((c.timeout for c in checks), default=30)
    return TEMPLATE.format(note=note, course_id=COURSE_ID, largest=largest, margin=MARGIN,
                           timeout=timeout(checks), pattern=WARNING_PATTERN)
