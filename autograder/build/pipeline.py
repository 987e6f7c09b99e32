"""The build: every student-facing file generated from one source, by an ordered list of
generators (as nbgrader runs an ordered list of preprocessors).

Each generator is a function ``outputs(root) -> list[Output]``: the files it owns and their whole
content, computed from the sources under ``root`` and written by nobody but :func:`build`. The
order is the order of :data:`GENERATORS`; no generator reads another's output, so the order only
decides the order in which files are listed.

``mnist-grade build`` writes what changed; ``mnist-grade build --check`` writes nothing and fails
when a generated file is stale (:func:`build` with ``check``) or when ``exercises/`` or
``course/`` hold a file that no generator produces (:func:`strays`).
"""

from __future__ import annotations

from collections.abc import Callable
from fnmatch import fnmatch
from pathlib import Path

from autograder.build import course, exercises, package_data, quiz_files, readme
from autograder.core.errors import BuildError
from autograder.core.files import Output, atomic_write
from autograder.core.paths import COURSE, EXERCISES, ROOT, SOLUTIONS

__all__ = ["GENERATORS", "BuildError", "Output", "build", "outputs", "strays"]

Generator = Callable[[Path], list[Output]]

#: The generators, in order. A new kind of generated file gets its generator here.
GENERATORS: list[tuple[str, Generator]] = [
    ("exercises", exercises.outputs),  # exercises/<stem>.py and .ipynb from solutions/<stem>.py
    ("course", course.outputs),  # course/: nbgrader's config and one source notebook per assignment
    ("questionnaire", quiz_files.outputs),  # exercises/questionnaire.*, docs/questionnaire_answers.md
    ("readme", readme.outputs),  # the README's generated regions
    ("package data", package_data.outputs),  # what the installed package reads (the wheel has it)
]

#: Folders that hold generated files only: any other file there is a stray.
GENERATED_FOLDERS = (EXERCISES, COURSE)

#: Never strays, in any generated folder: Jupyter's and Python's caches.
CACHES = (".ipynb_checkpoints", "__pycache__")

#: Per generated folder, what else may be there (``fnmatch`` patterns of the first path part):
#: nbgrader's working folders and database, which course/.gitignore keeps out of git.
RUNTIME: dict[str, tuple[str, ...]] = {COURSE: course.RUNTIME_FILES}


def outputs(root: Path = ROOT) -> list[Output]:
    """Every generated file and its content, from the sources under ``root``.

    Raises :class:`BuildError` where ``root`` has no ``solutions/``: the build runs in a clone of
    the project (an installed package has no sources, and its folder is not the place to write).
    """
    root = Path(root)
    if not (root / SOLUTIONS).is_dir():
        raise BuildError(f"{root} has no {SOLUTIONS}/ folder: `mnist-grade build` generates the "
                         "project's files from its sources, in a clone of the project (git clone, "
                         "then pip install -e . there).")
    return [out for _, generate in GENERATORS for out in generate(root)]


def build(root: Path = ROOT, check: bool = False, outs: list[Output] | None = None) -> list[Path]:
    """Write the generated files; with ``check``, write nothing and return the stale ones."""
    stale = []
    for out in outputs(root) if outs is None else outs:
        current = out.path.read_text() if out.path.exists() else None
        if current != out.text:
            stale.append(out.path)
            if not check:
                atomic_write(out.path, out.text)
    return stale


def strays(root: Path = ROOT, outs: list[Output] | None = None) -> list[Path]:
    """Files under ``exercises/`` and ``course/`` that no generator produces (caches and
    nbgrader's working files excepted), sorted."""
    root = Path(root)
    produced = {out.path for out in (outputs(root) if outs is None else outs)}
    found = []
    for folder in GENERATED_FOLDERS:
        base = root / folder
        allowed = RUNTIME.get(folder, ())
        for path in sorted(base.rglob("*")) if base.is_dir() else []:
            rel = path.relative_to(base)
            if path.is_dir() or any(part in CACHES for part in rel.parts):
                continue
            if any(fnmatch(rel.parts[0], pattern) for pattern in allowed):
                continue
            if path not in produced:
                found.append(path)
    return sorted(found)
