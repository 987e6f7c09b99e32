"""How to write a command of this environment so that it works when a student copies it.

The README's quick start installs the project into ``.venv`` at the repository root and never
activates it, so a bare ``mnist-grade`` is "command not found" there (or, worse, a bare ``pytest``
is another environment's, which has no torch). Every command the grader prints goes through
:func:`command`: the bare name only when the shell would find this environment's script by that
name, else ``.venv/bin/NAME`` when that relative path, from the current folder, is this
environment's, else the script's absolute path.

Text written once for every reader (a stub's ``NotImplementedError``, the README) cannot know the
reader's shell: it says :data:`STATIC` (``.venv/bin/mnist-grade``), the quick start's path, run from
the repository root.
"""

from __future__ import annotations

import os
import shlex
import shutil
import sysconfig
from pathlib import Path

#: The quick start's path to ``mnist-grade``, for text generated once (stubs, notebooks, README).
STATIC = ".venv/bin/mnist-grade"


def scripts_dir() -> Path:
    """The folder of this environment's console scripts (``.venv/bin``)."""
    return Path(sysconfig.get_path("scripts"))


def _same(a: str | Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def command(name: str, cwd: Path | None = None) -> str:
    """The shortest way to call this environment's console script ``name`` from ``cwd`` (default:
    the current folder): ``name``, ``.venv/bin/name`` or the script's absolute path."""
    script = scripts_dir() / name
    found = shutil.which(name)
    if found and _same(found, script):
        return name
    relative = Path(".venv") / "bin" / name
    base = Path(cwd) if cwd is not None else Path.cwd()
    if _same(base / relative, script):
        return str(relative)
    return str(script)


def mnist_grade(*args: str, cwd: Path | None = None) -> str:
    """``mnist-grade ARGS...`` as this terminal can run it, e.g. ``.venv/bin/mnist-grade hint e03``."""
    return " ".join([shlex.quote(command("mnist-grade", cwd)), *args])

