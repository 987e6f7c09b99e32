"""The nbgrader course of chapter 4, generated from the same sources as the exercises.

``mnist-grade build`` writes, from ``solutions/`` (see :func:`outputs`):

- ``course/nbgrader_config.py``: course id, exchange, time limit and the other settings
  (:mod:`autograder.build.course.config` says why each);
- ``course/source/<stem>/<stem>.ipynb``: one assignment per exercise, named like the exercise
  (:mod:`autograder.build.course.exercises`), so the exported grades have one row per student and
  exercise, and each exercise can be released when the course reaches it;
- ``course/source/questionnaire/questionnaire.ipynb``: the questionnaire
  (:mod:`autograder.build.course.questionnaire`);
- ``course/.gitignore``: nbgrader's working folders and database stay out of git.

Test cells only call :func:`autograder.frontends.nbgrader_cell.run_check`: the checks of ``pytest exercises``,
one implementation behind two front ends, with the same points.

The instructor's commands, from a fresh clone to a grades CSV (verified with nbgrader 0.9.6;
the venv's ``bin`` must come first on PATH: nbgrader runs ``alembic`` from it, and the notebooks'
kernel ``python3`` is the venv's ``python``)::

    git clone <repository> mnist-basics && cd mnist-basics
    python -m venv .venv && .venv/bin/pip install -e .
    export PATH="$PWD/.venv/bin:$PATH"
    mnist-grade build --check          # course/ is generated and committed: confirm it is fresh
    cd course                          # every nbgrader command runs here (nbgrader_config.py)
    for a in $(ls source); do          # e01_stacking ... e07_learner, questionnaire
        nbgrader generate_assignment "$a" --force   # release/: no solutions, hidden tests, rubric
        nbgrader release_assignment "$a" --force    # into the exchange, course/exchange/
    done
    # each student, in their own folder (on a JupyterHub the exchange is usually configured
    # for everyone; then the two options are not needed):
    #   nbgrader fetch_assignment e03_mnist_loss --course=mnist-basics-ch4 --Exchange.root=<course>/exchange
    #   ... work in e03_mnist_loss/e03_mnist_loss.ipynb ...
    #   nbgrader submit e03_mnist_loss --course=mnist-basics-ch4 --Exchange.root=<course>/exchange
    nbgrader collect e03_mnist_loss              # -> submitted/<student>/e03_mnist_loss/
    nbgrader autograde e03_mnist_loss            # runs the checks -> autograded/, gradebook.db
    # questionnaire only: grade the open answers by hand: `jupyter lab` in course/, menu
    # Nbgrader > Formgrader > Manual Grading (each answer's rubric is shown above it)
    nbgrader generate_feedback e03_mnist_loss    # feedback/: the checks' messages, no test code
    nbgrader release_feedback e03_mnist_loss     # students: nbgrader fetch_feedback e03_mnist_loss
    nbgrader export --to grades.csv              # one row per assignment and student

Without an exchange (notebooks handed in another way), put each one at
``course/submitted/<student>/<assignment>/<assignment>.ipynb`` and start at ``nbgrader autograde``.
``tests/test_nbgrader_e2e.py`` runs this sequence with three simulated students and checks the
exported grades.
"""

from __future__ import annotations

from pathlib import Path

from autograder.build.course.config import config_text
from autograder.build.course.exercises import exercise_notebook
from autograder.build.course.questionnaire import STEM, questionnaire_notebook
from autograder.checks.registry import checks_of
from autograder.core.exercise import STEMS
from autograder.core.files import Output
from autograder.core.markers import banner
from autograder.core.paths import COURSE, ROOT, solution

#: nbgrader's working folders and database in ``course/``: never committed, never strays.
RUNTIME_FILES = ("release", "submitted", "autograded", "feedback", "exchange", "gradebook.db",
                 "*.csv", ".nbgrader.log")

GITIGNORE = (f"# {banner('autograder/build/course/__init__.py')}\n"
             "# nbgrader's working folders and database, never committed.\n"
             + "".join(f"/{name}/\n" if "." not in name else f"/{name}\n"
                       for name in RUNTIME_FILES))


def stems(root: Path = ROOT) -> list[str]:
    """The exercises that have a solution and checks under ``root``, in course order."""
    return [s for s in STEMS if solution(s, root).exists() and checks_of(s)]


def notebooks(root: Path = ROOT) -> dict[str, object]:
    """``{assignment: source notebook}`` for every exercise and the questionnaire under ``root``."""
    result = {s: exercise_notebook(Path(root), s) for s in stems(root)}
    quiz = questionnaire_notebook(Path(root))
    if quiz is not None:
        result[STEM] = quiz
    return result


def outputs(root: Path = ROOT) -> list[Output]:
    """Every generated file of the course and its content."""
    import nbformat

    root = Path(root)
    course = root / COURSE
    nbs = notebooks(root)
    checks = [c for a in nbs for c in checks_of(a)]
    config = config_text(checks, banner("autograder/build/course/config.py"))
    result = [Output(course / ".gitignore", GITIGNORE),
              Output(course / "nbgrader_config.py", config)]
    for assignment, nb in nbs.items():
        text = nbformat.writes(nb) + "\n"
        result.append(Output(course / "source" / assignment / f"{assignment}.ipynb", text))
    return result

