"""Reading the official MNIST IDX files (``t10k-images-idx3-ubyte.gz`` and friends).

IDX format (big-endian): a 4-byte magic number ``0x0000 <dtype> <ndim>``, then ``ndim`` uint32
dimension sizes, then the body. MNIST uses dtype ``0x08`` (uint8): images have magic 2051
(``0x00000803``: count, rows, cols) and labels magic 2049 (``0x00000801``: count).

:func:`read_idx` returns ``uint8 [count, rows, cols]`` for images and ``uint8 [count]`` for labels.
Files may be gzip-compressed or raw; compression is detected from the content, not the name.
"""

from __future__ import annotations

import gzip
import os
import struct
import zlib
from pathlib import Path

import numpy as np
import torch

from mnist_ref.data.errors import IdxFormatError, MissingDataError

__all__ = [
    "IMAGES_MAGIC",
    "LABELS_MAGIC",
    "T10K_IMAGES",
    "T10K_LABELS",
    "find_t10k",
    "load_t10k",
    "read_idx",
]

IMAGES_MAGIC = 2051
LABELS_MAGIC = 2049
T10K_IMAGES = "t10k-images-idx3-ubyte"
T10K_LABELS = "t10k-labels-idx1-ubyte"
_EXPECT = {"images": IMAGES_MAGIC, "labels": LABELS_MAGIC}


def _read_bytes(path: Path) -> bytes:
    try:
        raw = path.read_bytes()
    except FileNotFoundError as e:
        raise MissingDataError(
            f"IDX file {path} does not exist. Check the path; the official files are named "
            f"{T10K_IMAGES}.gz and {T10K_LABELS}.gz."
        ) from e
    if raw[:2] != b"\x1f\x8b":
        return raw
    try:
        return gzip.decompress(raw)
    except (OSError, EOFError, zlib.error) as e:
        raise IdxFormatError(
            f"{path} is gzip-compressed but cannot be decompressed ({e}); the download is "
            f"truncated or damaged. Download the file again."
        ) from e


def read_idx(path: str | os.PathLike, *, expect: str | None = None) -> torch.Tensor:
    """Read a uint8 IDX file (gzip or raw) into a ``uint8`` tensor shaped by its header.

    ``expect`` may be ``"images"`` (then the magic must be 2051 and each image 28x28) or
    ``"labels"`` (magic 2049); by default either MNIST magic number is accepted. Raises
    :class:`IdxFormatError` for a wrong magic number, a body shorter or longer than the header
    announces, or wrong dimensions, and :class:`MissingDataError` when the file is missing.
    """
    path = Path(path)
    if expect is not None and expect not in _EXPECT:
        raise ValueError(f"expect must be None, 'images' or 'labels', not {expect!r}")
    data = _read_bytes(path)
    if len(data) < 4:
        raise IdxFormatError(
            f"{path} is only {len(data)} bytes long: too short for an IDX header. The file is "
            f"truncated or empty; download it again."
        )
    (magic,) = struct.unpack(">I", data[:4])
    wanted = (_EXPECT[expect],) if expect else (IMAGES_MAGIC, LABELS_MAGIC)
    if magic not in wanted:
        hint = ""
        if expect == "images" and magic == LABELS_MAGIC:
            hint = " This is a labels file passed where the images file was expected."
        elif expect == "labels" and magic == IMAGES_MAGIC:
            hint = " This is an images file passed where the labels file was expected."
        raise IdxFormatError(
            f"{path} has magic number {magic} (0x{magic:08x}), expected "
            f"{' or '.join(map(str, wanted))} (IDX {IMAGES_MAGIC}: uint8 images, "
            f"{LABELS_MAGIC}: uint8 labels).{hint} If it is not that, the file is not an MNIST "
            f"IDX file, or is compressed in a way other than gzip (gunzip it first). Use the "
            f"official {T10K_IMAGES}.gz and {T10K_LABELS}.gz."
        )
    ndim = magic & 0xFF
    header = 4 + 4 * ndim
    if len(data) < header:
        raise IdxFormatError(
            f"{path} is truncated inside its header: {len(data)} bytes, expected at least "
            f"{header}. Download the file again."
        )
    dims = struct.unpack(f">{ndim}I", data[4:header])
    if ndim == 3 and 0 in dims[1:]:
        raise IdxFormatError(
            f"{path} declares images of {dims[1]}x{dims[2]} pixels, which is empty."
        )
    if expect == "images" and dims[1:] != (28, 28):
        raise IdxFormatError(
            f"{path} holds images of {dims[1]}x{dims[2]} pixels, but MNIST images are 28x28. "
            f"This is not an MNIST images file; use the official {T10K_IMAGES}.gz."
        )
    expected = header + int(np.prod(dims, dtype=np.int64))
    if len(data) != expected:
        what = "truncated" if len(data) < expected else "longer than its header says"
        raise IdxFormatError(
            f"{path} is {what}: its header (magic {magic}, dims {list(dims)}) needs "
            f"{expected} bytes after decompression, but it has {len(data)}. Download the file "
            f"again (and make sure the download finished)."
        )
    arr = np.frombuffer(data, dtype=np.uint8, offset=header).reshape(dims)
    return torch.from_numpy(arr.copy())


def _one(folder: Path, stem: str) -> Path | None:
    for name in (stem + ".gz", stem):
        if (folder / name).is_file():
            return folder / name
    return None


def find_t10k(folder: str | os.PathLike) -> tuple[Path, Path] | None:
    """The (images, labels) t10k files in ``folder`` (``.gz`` or raw), or None if neither is there.

    Raises :class:`MissingDataError` when only one of the two files is present.
    """
    folder = Path(folder)
    images, labels = _one(folder, T10K_IMAGES), _one(folder, T10K_LABELS)
    if images is None and labels is None:
        return None
    if images is None or labels is None:
        missing = T10K_IMAGES if images is None else T10K_LABELS
        raise MissingDataError(
            f"{folder} holds only one of the two MNIST test-set IDX files: {missing}(.gz) is "
            f"missing. Put both {T10K_IMAGES}.gz and {T10K_LABELS}.gz there, or remove the folder."
        )
    return images, labels


def load_t10k(folder: str | os.PathLike) -> tuple[torch.Tensor, torch.Tensor]:
    """The official MNIST test set from ``folder``: ``uint8 [10000, 28, 28]`` and ``int64 [10000]``.

    Any matching pair of IDX files is accepted (the counts must agree and labels be 0..9).
    """
    found = find_t10k(folder)
    if found is None:
        raise MissingDataError(
            f"{folder} does not contain {T10K_IMAGES}.gz and {T10K_LABELS}.gz (the official "
            f"MNIST test set)."
        )
    images_path, labels_path = found
    images = read_idx(images_path, expect="images")
    labels = read_idx(labels_path, expect="labels")
    if images.shape[0] != labels.shape[0]:
        raise IdxFormatError(
            f"{images_path} holds {images.shape[0]} images but {labels_path} holds "
            f"{labels.shape[0]} labels; the two files do not belong together. Use the official "
            f"pair of test-set files."
        )
    if labels.numel() and int(labels.max()) > 9:
        raise IdxFormatError(
            f"{labels_path} contains label {int(labels.max())}; MNIST labels are 0..9. "
            f"Use the official {T10K_LABELS}.gz."
        )
    return images, labels.long()
