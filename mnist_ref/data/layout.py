"""The two datasets' folder layouts (fastai's own) and checking a folder against them.

- ``mnist_sample`` (``URLs.MNIST_SAMPLE``): ``<root>/train/{3,7}`` and ``<root>/valid/{3,7}``;
- ``mnist`` (``URLs.MNIST``, folder ``mnist_png``): ``<root>/training/0..9`` and
  ``<root>/testing/0..9``.

Labels come from the class folder names. (``labels.csv`` in MNIST_SAMPLE labels a 3 as 0 and is
deliberately not used.)
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from mnist_ref.data.errors import MissingDataError
from mnist_ref.data.images import list_image_names

__all__ = [
    "LAYOUTS",
    "Files",
    "Layout",
    "get_layout",
    "is_complete",
    "list_split_files",
    "looks_like_dataset",
]


@dataclass(frozen=True)
class Layout:
    """How one dataset is laid out on disk, and its published per-class file counts."""

    name: str  # "mnist_sample" or "mnist"
    folder: str  # folder name fastai extracts it to ("mnist_sample", "mnist_png")
    url_attr: str  # attribute of fastai's URLs ("MNIST_SAMPLE", "MNIST")
    train: str  # training split folder ("train" / "training")
    valid: str  # validation split folder ("valid" / "testing")
    classes: tuple[int, ...]  # digit classes, ascending
    train_counts: tuple[int, ...]  # published files per class in the training split
    valid_counts: tuple[int, ...]  # published files per class in the validation split

    @property
    def splits(self) -> tuple[str, str]:
        return (self.train, self.valid)

    @property
    def archives(self) -> tuple[str, str]:
        """File names of this dataset's archive."""
        return (f"{self.folder}.tgz", f"{self.folder}.tar.gz")

    def describe(self) -> str:
        """E.g. ``train/3, train/7, valid/3, valid/7``."""
        return ", ".join(f"{s}/{c}" for s in self.splits for c in self.classes)


LAYOUTS = {
    "mnist_sample": Layout(
        name="mnist_sample",
        folder="mnist_sample",
        url_attr="MNIST_SAMPLE",
        train="train",
        valid="valid",
        classes=(3, 7),
        train_counts=(6131, 6265),
        valid_counts=(1010, 1028),
    ),
    "mnist": Layout(
        name="mnist",
        folder="mnist_png",
        url_attr="MNIST",
        train="training",
        valid="testing",
        classes=tuple(range(10)),
        train_counts=(5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949),
        valid_counts=(980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009),
    ),
}


def get_layout(name: str) -> Layout:
    """The :class:`Layout` for ``"mnist_sample"`` or ``"mnist"``; ValueError for anything else."""
    try:
        return LAYOUTS[name]
    except KeyError:
        raise ValueError(
            f"unknown dataset {name!r}; choose one of {', '.join(map(repr, LAYOUTS))}"
        ) from None


def looks_like_dataset(folder: Path) -> Layout | None:
    """The layout whose split folders ``folder`` has (any one of them), else None."""
    for layout in LAYOUTS.values():
        if any((folder / s).is_dir() for s in layout.splits):
            return layout
    return None


Files = dict[str, list[tuple[int, list[str]]]]
"""``{split: [(digit, [file paths as str, sorted by name]), ...]}``, classes ascending."""


def list_split_files(root: Path, layout: Layout, fix: str) -> Files:
    """Check ``root`` against ``layout`` and list its image files.

    Returns ``{split: [(digit, [sorted file paths]), ...]}`` with classes ascending; paths are
    plain strings ``os.path.join(str(root), split, digit, name)`` (cheap for 70000 files). Raises
    :class:`MissingDataError` naming the folder when ``root``, a split folder or a class folder is
    missing, or when a class folder holds no image files. ``fix`` is appended to every message
    (how to repair this particular source).
    """
    root = Path(root)
    if not root.is_dir():
        what = "is a file, not a folder" if root.exists() else "does not exist"
        raise MissingDataError(f"The {layout.name} data folder {root} {what}. {fix}")
    other = looks_like_dataset(root)
    if other is not None and other.name != layout.name:
        raise MissingDataError(
            f"{root} looks like a {other.name} folder ({other.describe()}), but {layout.name} "
            f"needs {layout.describe()}. {fix}"
        )
    out: Files = {}
    for split in layout.splits:
        if not (root / split).is_dir():
            raise MissingDataError(
                f"{root} has no {split}/ folder: a {layout.name} folder holds "
                f"{layout.describe()}. {fix}"
            )
        out[split] = []
        for digit in layout.classes:
            folder = root / split / str(digit)
            if not folder.is_dir():
                raise MissingDataError(
                    f"Class folder {folder} is missing: a {layout.name} folder holds "
                    f"{layout.describe()}. {fix}"
                )
            names = list_image_names(folder)
            if not names:
                raise MissingDataError(
                    f"Class folder {folder} contains no image files (.png). The extraction was "
                    f"probably interrupted. {fix}"
                )
            prefix = os.path.join(os.fspath(folder), "")
            out[split].append((digit, [prefix + n for n in names]))
    return out


def is_complete(files: Files, layout: Layout) -> bool:
    """True when the per-class file counts are exactly the published dataset's."""
    train = tuple(len(f) for _, f in files[layout.train])
    valid = tuple(len(f) for _, f in files[layout.valid])
    return train == layout.train_counts and valid == layout.valid_counts
