"""Which file of a student's folder is graded for an exercise: the ``.py`` or the notebook.

Students work in ``exercises/<stem>.py`` or ``exercises/<stem>.ipynb`` (the same cells, see
:mod:`autograder.build.exercises`); the one saved last is graded. ``pytest exercises``,
``mnist-grade watch`` and ``mnist-grade status`` all ask :func:`graded_file`.
"""

from __future__ import annotations

from pathlib import Path

from autograder.core.errors import SubmissionError
from autograder.grading.isolated import notebook_source
from autograder.quiz.catalogue import model_file

#: A notebook counts as saved after the ``.py`` when it is this many seconds newer (a build, a
#: checkout or a copy writes both within the same second).
MARGIN = 1.0


def graded_file(collected: Path, target: str | Path | None = None) -> tuple[Path, str]:
    """The file to grade for the exercise file ``collected`` (``exercises/<stem>.py``), looked up
    in ``target`` (a folder) or beside it, and a note saying why when it is not the ``.py``.

    A notebook saved last that Jupyter cannot read (not JSON: an editor's half-written save) is
    not graded over a readable ``.py``: the note says so.
    """
    folder = Path(target) if target else Path(collected).parent
    py = folder / Path(collected).name
    nb = py.with_suffix(".ipynb")
    if not py.exists() and not nb.exists() and py.with_suffix(".yaml").exists():
        # the model code kept in a yaml (the questionnaire's), in this folder whatever its name
        return model_file(source=py.with_suffix(".yaml")), f" (the code in {py.stem}.yaml)"
    if not py.exists():
        return (nb, "") if nb.exists() else (py, "")
    if nb.exists() and nb.stat().st_mtime > py.stat().st_mtime + MARGIN:
        try:
            notebook_source(nb)
        except SubmissionError:
            return py, (f" ({nb.name}, saved later, is not a notebook Jupyter can read: open it in "
                        "JupyterLab and save it again, or delete it)")
        return nb, f" (the notebook, saved after {py.name})"
    return py, ""
