"""Loading a student's file (a ``.py`` module or a ``.ipynb`` notebook) as something checks can call.

Problems that are the student's to fix become :class:`~autograder.core.errors.SubmissionError`
with a sentence naming the file and what to do, never a bare traceback. :func:`solution_file` is
where an exercise's model answer is, for grading it like a submission.
"""

from __future__ import annotations

import types
from pathlib import Path

from autograder.core.errors import MissingName, SubmissionError
from autograder.core.paths import ROOT, solution


def notebook_source(path: Path) -> str:
    """The code cells of a notebook as one Python source, IPython magics and shell lines commented.

    Cell boundaries keep their line numbers recognisable: each cell starts with ``# cell N``.
    """
    import nbformat

    nb = nbformat.read(path, as_version=4)
    parts = []
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        lines = [
            f"# (IPython) {line}" if line.lstrip().startswith(("%", "!")) else line
            for line in cell.source.splitlines()
        ]
        parts.append(f"# cell {i}\n" + "\n".join(lines))
    return "\n\n".join(parts) + "\n"


def _compile(path: Path):
    source = notebook_source(path) if path.suffix == ".ipynb" else path.read_text()
    try:
        return compile(source, str(path), "exec")
    except SyntaxError as err:
        raise SubmissionError(
            f"{path}, line {err.lineno}: Python cannot read this file ({err.msg}). "
            f"Fix the syntax there first:\n    {(err.text or '').rstrip()}"
        ) from None


class Submission:
    """A student's namespace for one exercise: a module loaded from ``path`` (or notebook globals).

    Use :meth:`fn` to get a name the exercise asks for; a missing one raises :class:`MissingName`
    with a message the student can act on.
    """

    def __init__(self, namespace: dict, path: str, exercise: str) -> None:
        self.namespace, self.path, self.exercise = namespace, path, exercise

    @classmethod
    def from_file(cls, path: Path, exercise: str, patch: Path | None = None) -> Submission:
        """Execute ``path`` (``.py`` or ``.ipynb``) in a fresh module namespace.

        ``patch``, a second ``.py`` file, then runs in the same namespace, so the definitions it
        holds replace the file's everywhere (how a mutant or an alternative answer is graded).
        Exceptions raised while the file runs propagate (the runner turns them into results);
        a missing file or a syntax error raises :class:`SubmissionError`.
        """
        path = Path(path)
        if not path.exists():
            raise SubmissionError(
                f"{path} does not exist: the exercise {exercise} is graded from this file. "
                "Keep the file names of exercises/ (or point --target at the folder that has them)."
            )
        module = types.ModuleType(f"submission_{exercise}")
        module.__file__ = str(path)
        for file in [path] + ([Path(patch)] if patch else []):
            exec(_compile(file), module.__dict__)  # noqa: S102 - running student code is the point
        return cls(module.__dict__, str(path), exercise)

    def fn(self, name: str):
        """The object called ``name`` in the student's file."""
        try:
            return self.namespace[name]
        except KeyError:
            raise MissingName(
                f"{Path(self.path).name} has no `{name}`: the checks of {self.exercise} call it by "
                f"this name. Did you rename or delete it? Restore `{name}` with the signature "
                "given in the exercise."
            ) from None


def solution_file(stem: str, root: Path = ROOT) -> Path:
    """The model answer of ``stem``: ``solutions/<stem>.py``, or, where the model code lives in
    ``solutions/<stem>.yaml`` (the questionnaire), that code as a module."""
    path = solution(stem, root)
    if not path.exists() and path.with_suffix(".yaml").exists():
        from autograder.quiz.catalogue import model_file

        return model_file(root)
    return path
