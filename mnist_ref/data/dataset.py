"""Loading a whole dataset into tensors: :class:`Dataset` and :func:`load_dataset`.

Images are read the book's way (PIL, ``torch.stack``, ``.float()/255``), class folders in
ascending digit order (3s then 7s for ``mnist_sample``) and files sorted by name within each.
The stacked ``uint8`` tensors are cached (see :mod:`mnist_ref.data.tensor_cache`).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import torch

from mnist_ref.data.images import stack_uint8
from mnist_ref.data.layout import get_layout
from mnist_ref.data.settings import cache_root
from mnist_ref.data.sources import locate_files
from mnist_ref.data.tensor_cache import cache_file, fingerprint, read_cache, write_cache

__all__ = ["Dataset", "load_dataset"]


@dataclass(frozen=True, eq=False)
class Dataset:
    """One dataset in memory, with where it came from.

    ``train_x``/``valid_x`` are ``float32 [N, 28, 28]`` in [0, 1]; ``train_y``/``valid_y`` are
    ``int64 [N]`` digit labels (3/7 for ``mnist_sample``, 0..9 for ``mnist``). ``path`` is the
    root folder in fastai's layout, usable with the book's code (``path/'train'/'3'``).
    """

    name: str  # "mnist_sample" or "mnist"
    source: str  # one human line: where the data came from
    kind: str  # "explicit" | "fastai-cache" | "embedded"
    complete: bool  # the full published dataset (False for the embedded subsets)
    path: Path  # root folder in fastai layout
    train_x: torch.Tensor = field(repr=False)  # float32 [N, 28, 28] in [0, 1]
    train_y: torch.Tensor = field(repr=False)  # int64 [N]
    valid_x: torch.Tensor = field(repr=False)  # float32 [M, 28, 28] in [0, 1]
    valid_y: torch.Tensor = field(repr=False)  # int64 [M]

    @property
    def classes(self) -> tuple[int, ...]:
        """The digit classes, ascending: ``(3, 7)`` or ``(0, ..., 9)``."""
        return get_layout(self.name).classes

    def summary(self) -> str:
        """One line: ``"<name>: <source>; <N> train, <M> valid"``."""
        return f"{self.name}: {self.source}; {len(self.train_y)} train, {len(self.valid_y)} valid"


def _labels(groups: list[tuple[int, list[str]]]) -> torch.Tensor:
    parts = [torch.full((len(files),), digit, dtype=torch.int64) for digit, files in groups]
    return torch.cat(parts) if parts else torch.empty(0, dtype=torch.int64)


def load_dataset(
    name: str,
    data_dir: str | os.PathLike | None = None,
    *,
    cache: bool = True,
    progress: bool = True,
    announce: Callable[[str], object] | None = print,
) -> Dataset:
    """Find (see :func:`~mnist_ref.data.sources.locate`) and load dataset ``name``.

    ``cache=False`` neither reads nor writes the tensor cache. ``progress`` shows a tqdm bar
    while reading many PNGs. ``announce`` (default ``print``; None for silence) is called
    exactly once with :meth:`Dataset.summary`.
    """
    layout = get_layout(name)
    root, source, kind, complete, files = locate_files(name, data_dir)
    train_files = [f for _, fs in files[layout.train] for f in fs]
    valid_files = [f for _, fs in files[layout.valid] for f in fs]
    train_y, valid_y = _labels(files[layout.train]), _labels(files[layout.valid])

    entry = None
    if cache:
        entry_path = cache_file(cache_root(), name, fingerprint(root, train_files + valid_files))
        entry = read_cache(entry_path, len(train_files), len(valid_files))
        if entry is not None and not (
            torch.equal(entry["train_y"], train_y) and torch.equal(entry["valid_y"], valid_y)
        ):
            entry = None
    if entry is None:
        both = stack_uint8(train_files + valid_files, progress, desc=f"reading {name} images")
        entry = {
            "train_x": both[: len(train_files)],
            "train_y": train_y,
            "valid_x": both[len(train_files) :],
            "valid_y": valid_y,
        }
        if cache:
            write_cache(entry_path, entry)

    dataset = Dataset(
        name=name,
        source=source,
        kind=kind,
        complete=complete,
        path=Path(root),
        train_x=entry["train_x"].float() / 255,
        train_y=entry["train_y"],
        valid_x=entry["valid_x"].float() / 255,
        valid_y=entry["valid_y"],
    )
    if announce is not None:
        announce(dataset.summary())
    return dataset
