"""GENERATED from autograder/build/course/config.py by `mnist-grade build`. Maintainers: edit that file, then rebuild; never edit this one.

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

c.CourseDirectory.course_id = "mnist-basics-ch4"
c.CourseDirectory.root = HERE
c.Exchange.root = os.environ.get("MNIST_NBGRADER_EXCHANGE", os.path.join(HERE, "exchange"))

# The largest check time limit (120 s, each check enforces its own) plus 60 s.
c.Execute.timeout = 180
# A test cell that writes to stderr scores 0: drop warnings that still get there.
c.IgnorePattern.pattern = r"\w*Warning: "
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
