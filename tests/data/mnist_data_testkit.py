"""Helpers for the mnist_ref.data tests: tiny synthetic PNG trees, archives and IDX files.

(A uniquely named module rather than conftest.py, so test modules can import it directly.)
"""

from __future__ import annotations

import gzip
import struct
import tarfile
from pathlib import Path

import numpy as np
from PIL import Image

SAMPLE_COUNTS = {("train", 3): 3, ("train", 7): 4, ("valid", 3): 2, ("valid", 7): 2}


def digit_pixels(seed: int, size: tuple[int, int] = (28, 28)) -> np.ndarray:
    """A distinct, reproducible ``uint8`` image (rows x cols = size[1] x size[0])."""
    rng = np.random.default_rng(seed)
    return rng.integers(0, 256, size=(size[1], size[0]), dtype=np.uint8)


def write_png(path: Path, pixels: np.ndarray | None = None, seed: int = 0) -> Path:
    """Write a greyscale ("L") PNG; ``pixels`` defaults to :func:`digit_pixels(seed)`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.fromarray(digit_pixels(seed) if pixels is None else pixels).save(path)
    return path


def make_tree(root: Path, counts: dict[tuple[str, int], int] | None = None, seed: int = 0) -> Path:
    """A tiny dataset in fastai layout: ``counts[(split, digit)]`` PNGs ``0.png``, ``1.png``...

    Defaults to a small mnist_sample (train/3, train/7, valid/3, valid/7). Pixel values encode
    the seed, split, digit and index, so every image differs.
    """
    counts = SAMPLE_COUNTS if counts is None else counts
    for n, ((split, digit), count) in enumerate(sorted(counts.items())):
        folder = root / split / str(digit)
        folder.mkdir(parents=True, exist_ok=True)
        for i in range(count):
            write_png(folder / f"{i}.png", seed=seed * 100_000 + n * 1000 + i)
    return root


def mnist_counts(train: int = 2, valid: int = 1) -> dict[tuple[str, int], int]:
    """Per-class counts for a tiny mnist (mnist_png layout) tree."""
    out = {("training", d): train for d in range(10)}
    out.update({("testing", d): valid for d in range(10)})
    return out


def make_archive(archive: Path, folder: Path, arcname: str | None = None) -> Path:
    """``tar czf archive`` of ``folder``, stored under ``arcname`` (default: the folder's name)."""
    archive.parent.mkdir(parents=True, exist_ok=True)
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(folder, arcname=folder.name if arcname is None else arcname)
    return archive


def idx_bytes(arr: np.ndarray, magic: int | None = None) -> bytes:
    """The IDX encoding of a uint8 array (magic 2049 for 1-D, 2051 for 3-D unless given)."""
    arr = np.asarray(arr, dtype=np.uint8)
    if magic is None:
        magic = 0x0800 | arr.ndim
    return struct.pack(f">I{arr.ndim}I", magic, *arr.shape) + arr.tobytes()


def write_idx(path: Path, data: bytes | np.ndarray, gz: bool = True) -> Path:
    """Write IDX bytes (or an array, encoded with :func:`idx_bytes`), gzip-compressed if ``gz``."""
    raw = idx_bytes(data) if isinstance(data, np.ndarray) else data
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(gzip.compress(raw) if gz else raw)
    return path


def make_t10k(folder: Path, n: int = 40, seed: int = 7) -> tuple[np.ndarray, np.ndarray]:
    """Synthetic ``t10k-{images,labels}`` files in ``folder``; labels cycle 0..9."""
    images = np.stack([digit_pixels(seed * 1000 + i) for i in range(n)])
    labels = (np.arange(n) % 10).astype(np.uint8)
    write_idx(folder / "t10k-images-idx3-ubyte.gz", images)
    write_idx(folder / "t10k-labels-idx1-ubyte.gz", labels)
    return images, labels
