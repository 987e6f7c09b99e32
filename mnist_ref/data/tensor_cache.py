"""Caching the stacked images, so the second load of the same files takes milliseconds.

Entries live at ``<cache root>/tensors/<name>-<sha1>.pt`` where the SHA-1 covers the resolved
root folder and, for every image file, its relative name, size and modification time: editing,
adding or removing a file selects a new entry. An entry holds ``uint8`` images and ``int64``
labels (the float32 scaling is redone on load). A missing, unreadable or inconsistent entry is
ignored (and rewritten by the caller); writes go through a temporary file and ``os.replace``.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import warnings
from pathlib import Path

import torch

__all__ = ["FORMAT", "cache_file", "fingerprint", "read_cache", "write_cache"]

FORMAT = 1
"""Bumped when the entry layout changes, so old entries are simply not found."""

_KEYS = ("train_x", "train_y", "valid_x", "valid_y")


def fingerprint(root: str | os.PathLike, files: list[str]) -> str:
    """SHA-1 of (resolved ``root``, and each file's relative name, size and mtime), sorted.

    ``files`` are path strings that start with ``root`` as given (not resolved), as
    :func:`~mnist_ref.data.layout.list_split_files` returns them.
    """
    given = os.path.join(os.fspath(root), "")
    h = hashlib.sha1(f"mnist_ref tensors v{FORMAT}\n{Path(root).resolve()}\n".encode())
    rows = []
    for f in files:
        f = os.fspath(f)
        if not f.startswith(given):
            raise ValueError(f"{f} is not under {given}")
        st = os.stat(f)
        rel = f[len(given) :].replace(os.sep, "/")
        rows.append(f"{rel}\t{st.st_size}\t{st.st_mtime_ns}\n")
    for row in sorted(rows):
        h.update(row.encode())
    return h.hexdigest()


def cache_file(cache_dir: Path, name: str, digest: str) -> Path:
    """``<cache_dir>/tensors/<name>-<digest>.pt``."""
    return Path(cache_dir) / "tensors" / f"{name}-{digest}.pt"


def read_cache(path: Path, n_train: int, n_valid: int) -> dict[str, torch.Tensor] | None:
    """The entry at ``path`` if it loads and has the expected sizes and dtypes, else None."""
    try:
        if not path.is_file():
            return None
        entry = torch.load(path, map_location="cpu", weights_only=True)
    except Exception:  # noqa: BLE001 - any damage means: not cached
        return None
    if not isinstance(entry, dict) or entry.get("format") != FORMAT:
        return None
    try:
        ok = (
            entry["train_x"].dtype == torch.uint8
            and entry["valid_x"].dtype == torch.uint8
            and entry["train_y"].dtype == torch.int64
            and entry["valid_y"].dtype == torch.int64
            and tuple(entry["train_x"].shape) == (n_train, 28, 28)
            and tuple(entry["valid_x"].shape) == (n_valid, 28, 28)
            and tuple(entry["train_y"].shape) == (n_train,)
            and tuple(entry["valid_y"].shape) == (n_valid,)
        )
    except (KeyError, AttributeError, TypeError):
        return None
    return {k: entry[k] for k in _KEYS} if ok else None


def write_cache(path: Path, tensors: dict[str, torch.Tensor]) -> bool:
    """Save ``tensors`` (the four ``_KEYS``) atomically; warn and return False if impossible."""
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as fh:
            torch.save({"format": FORMAT, **{k: tensors[k] for k in _KEYS}}, fh)
        os.replace(tmp, path)
        return True
    except OSError as e:
        warnings.warn(
            f"could not write the tensor cache {path} ({e}); loading still works, only slower. "
            f"Set MNIST_REF_CACHE to a writable folder to enable it.",
            stacklevel=3,
        )
        if tmp is not None and os.path.exists(tmp):
            os.unlink(tmp)
        return False
