"""One unit of a batch: one student's file for one exercise, graded in an isolated worker.

A task and its result are plain data (dicts of strings and numbers), so they cross from the
instructor's process to a local grading process or to a Dask worker on another machine and
back. :func:`grade_task` runs in the grading process: it reads the file, loads it in a fresh
isolated worker (:mod:`autograder.sandbox`) through :mod:`autograder.grading.runner`, with the
class folder and the batch's output folder hidden from the student's code (other students'
files), and returns the exercise's report. :func:`grade_shipped` is the same for a file sent as
bytes to a machine that cannot read the instructor's folders (Dask).

A notebook is graded without the grader's own cells: nbgrader's test cells
(``run_check(...)``) and the generated "check your work" cell (``from autograder.frontends...
import check``) would otherwise be refused in the worker, which allows no import of the grader.
"""

from __future__ import annotations

import ast
import json
import os
import shutil
import tempfile
import time
from pathlib import Path

from autograder.batch.journal import report_to_dict
from autograder.core.errors import SubmissionError
from autograder.grading.isolated import notebook_source, read_source
from autograder.grading.runner import close, grade, load_sources
from autograder.sandbox.client import SandboxError

#: What a front end's generated cell imports; its imports and its calls are not the student's.
GRADER_MODULES = ("autograder.frontends",)


def task(student: str, stem: str, path: Path, digest: str) -> dict:
    """The plain-data task for ``student``'s ``path``, graded as exercise ``stem``."""
    return {"student": student, "stem": stem, "path": str(path), "digest": digest}


def grade_task(t: dict, hide: tuple[str, ...] = ()) -> dict:
    """Grade task ``t`` in a fresh isolated worker; the result is ``t`` with ``report`` (the
    exercise report as plain data), ``seconds`` and ``pid``, or with ``failed`` (why it could not
    be graded: a fault of the grading machine, never of the student, so it is retried on the next
    run) instead of ``report``."""
    start = time.perf_counter()
    path, stem = Path(t["path"]), t["stem"]
    out = {**t, "pid": os.getpid()}
    try:
        sub = load(path, stem, hide)
        if isinstance(sub, SandboxError):
            return {**out, "failed": f"the isolated worker could not start: {sub}",
                    "seconds": time.perf_counter() - start}
        try:
            report = grade(stem, sub, source=str(path))
        finally:
            close(sub)
    except Exception as err:  # noqa: BLE001 - a grader fault is a row, never a crash of the batch
        return {**out, "failed": f"the grader failed: {type(err).__name__}: {err}",
                "seconds": time.perf_counter() - start}
    return {**out, "report": report_to_dict(report), "seconds": time.perf_counter() - start}


def load(path: Path, stem: str, hide: tuple[str, ...]):
    """The submission of ``path`` loaded in a worker (or the exception every check reports)."""
    try:
        text = notebook_code(path) if path.suffix == ".ipynb" else read_source(path)
    except SubmissionError as err:
        return err
    except OSError as err:
        return SubmissionError(f"{path} cannot be read ({err.strerror}).")
    return load_sources([(text, str(path))], str(path), stem, hide=hide)


def notebook_code(path: Path) -> str:
    """The code of a notebook as :func:`notebook_source` gives it, without nbgrader's test cells
    and without the grader's own imports and calls (the generated check cell); checked to
    compile (a :class:`SubmissionError` says where it does not)."""
    try:
        nb = json.loads(Path(path).read_text(encoding="utf-8"))
        cells = nb["cells"]
        nb = {**nb, "cells": [{**c, "source": "# (a test cell: the grader's, not graded)"}
                              if _is_test_cell(c) else _without_grader(c) for c in cells]}
    except (UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError, AttributeError):
        return read_source(path)  # its own message says what is wrong with the notebook
    with tempfile.TemporaryDirectory(prefix="mnist-batch-nb-") as tmp:
        copy = Path(tmp) / Path(path).name
        copy.write_text(json.dumps(nb), encoding="utf-8")
        text = notebook_source(copy)
    try:
        compile(text, str(path), "exec", dont_inherit=True)
    except SyntaxError as err:
        raise SubmissionError(
            f"{path}, line {err.lineno} of its code cells: Python cannot read this ({err.msg}). "
            f"Fix the syntax there first:\n    {(err.text or '').rstrip()}") from None
    except ValueError as err:
        raise SubmissionError(f"{path}: {err}.") from None
    return text


def _is_test_cell(cell: dict) -> bool:
    meta = (cell.get("metadata") or {}).get("nbgrader") or {}
    return cell.get("cell_type") == "code" and bool(meta.get("grade")) and not meta.get("solution")


def _without_grader(cell: dict) -> dict:
    """``cell`` with the grader's own statements (imports of :data:`GRADER_MODULES` and calls
    of the names they import) blanked, line numbers kept."""
    if cell.get("cell_type") != "code":
        return cell
    source = cell.get("source", "")
    source = "".join(source) if isinstance(source, list) else str(source)
    if "autograder" not in source:
        return cell
    lines = source.splitlines()
    masked = [f"# {ln}" if ln.lstrip().startswith(("%", "!")) else ln for ln in lines]
    try:
        tree = ast.parse("\n".join(masked))
    except SyntaxError:
        return cell
    names: set[str] = set()
    drop: list[ast.stmt] = []
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(GRADER_MODULES):
            names |= {a.asname or a.name for a in node.names}
            drop.append(node)
        elif (isinstance(node, ast.Expr) and isinstance(node.value, ast.Call)
              and isinstance(node.value.func, ast.Name) and node.value.func.id in names):
            drop.append(node)
    for node in drop:
        for i in range(node.lineno - 1, node.end_lineno):
            lines[i] = "# (the grader's own line, not graded) " + lines[i]
    return {**cell, "source": "\n".join(lines)}


_shipped_root = ""


def grade_shipped(t: dict, data: bytes) -> dict:
    """:func:`grade_task` for a file sent as ``data`` (its name is ``t["path"]``'s): written to a
    private temporary folder (one per grading process, hidden from every worker, so no student's
    code sees another's file), graded, then removed; the result names the instructor's path,
    never the temporary one."""
    global _shipped_root
    if not _shipped_root or not os.path.isdir(_shipped_root):
        import atexit

        _shipped_root = tempfile.mkdtemp(prefix="mnist-batch-")
        atexit.register(shutil.rmtree, _shipped_root, True)
    folder = tempfile.mkdtemp(dir=_shipped_root)
    try:
        local = Path(folder) / Path(t["path"]).name
        local.write_bytes(data)
        result = grade_task({**t, "path": str(local)}, hide=(_shipped_root,))
        text = json.dumps(result).replace(json.dumps(str(local))[1:-1], json.dumps(t["path"])[1:-1])
        return {**json.loads(text), "host": os.uname().nodename}
    finally:
        shutil.rmtree(folder, ignore_errors=True)
