"""Writing files: one atomic write, and what every generated notebook carries.

:func:`atomic_write` writes a temporary file next to the target, then renames it over the target,
so a reader (another process, a crash half-way) sees the old content or the new, never a part.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


def atomic_write(path: Path, text: str) -> Path:
    """Write ``text`` to ``path`` atomically (the folders are created); returns ``path``."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_text(text)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return path


@dataclass
class Output:
    """One generated file: where it goes and its whole content."""

    path: Path
    text: str


def notebook_metadata(title: str, paired: bool = False) -> dict:
    """The metadata of a generated notebook: the ``python3`` kernel, its title, and with
    ``paired`` jupytext's pairing with the ``.py`` of the same name."""
    meta = {
        "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
    }
    if paired:
        meta["jupytext"] = {"formats": "ipynb,py:percent"}
    meta["title"] = title
    return meta


def plain_cell(cell, cell_id: str):
    """``cell`` with a stable id and no metadata, outputs or execution count (so a rebuild is the
    same byte for byte); returns the cell."""
    cell.id = cell_id
    cell.metadata = {}
    if cell.cell_type == "code":
        cell.outputs, cell.execution_count = [], None
    return cell
