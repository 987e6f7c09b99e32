"""Reading MNIST PNG files the way chapter 4 of the book does.

The book turns each file into a tensor with ``tensor(Image.open(o))``, stacks them with
``torch.stack`` and scales with ``.float()/255``. These helpers do exactly that, and check every
image first so that a damaged file produces a message naming it instead of a shape error later.

Shapes and dtypes:

- :func:`load_image` returns ``uint8 [28, 28]`` (values 0..255);
- :func:`stack_images` returns ``float32 [N, 28, 28]`` (values in [0, 1]);
- :func:`stack_uint8` returns ``uint8 [N, 28, 28]`` (what the tensor cache stores).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np
import torch
from PIL import Image, UnidentifiedImageError

from mnist_ref.data.errors import CorruptImageError, MissingDataError

__all__ = [
    "IMAGE_SUFFIXES",
    "PROGRESS_MIN_FILES",
    "SIZE",
    "list_image_names",
    "list_images",
    "load_image",
    "stack_images",
    "stack_uint8",
]

SIZE = 28
"""MNIST images are SIZE x SIZE pixels."""

IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".bmp"})
"""Files with these suffixes (any case) in a class folder are images; other files are ignored."""

PROGRESS_MIN_FILES = 1000
"""A progress bar is shown only when at least this many files are read."""

_FIX = (
    "Re-extract the archive it came from (or delete the file if it does not belong there), "
    "then run again."
)


def list_image_names(folder: str | os.PathLike) -> list[str]:
    """Names of the image files in ``folder``, sorted (as the book's ``.ls().sorted()`` does).

    Hidden files (``.DS_Store``, ``._x.png``), sub-folders and files whose suffix is not one of
    :data:`IMAGE_SUFFIXES` (``labels.csv``, ``README.txt``) are skipped. A missing folder gives
    an empty list; callers decide whether that is an error.
    """
    try:
        with os.scandir(folder) as it:
            entries = list(it)
    except (FileNotFoundError, NotADirectoryError):
        return []
    return sorted(
        e.name
        for e in entries
        if not e.name.startswith(".")
        and os.path.splitext(e.name)[1].lower() in IMAGE_SUFFIXES
        and e.is_file()
    )


def list_images(folder: str | os.PathLike) -> list[Path]:
    """``folder / name`` for each of :func:`list_image_names`: the images, sorted by name."""
    folder = Path(folder)
    return [folder / n for n in list_image_names(folder)]


def load_image(path: str | os.PathLike) -> torch.Tensor:
    """Read one MNIST image as the book does (``tensor(Image.open(path))``), validated.

    Returns a ``uint8`` tensor of shape ``[28, 28]``. Raises :class:`MissingDataError` when the
    file does not exist and :class:`CorruptImageError` when it is not a readable image, is not
    28x28, or is not single-channel 8-bit greyscale (PIL mode ``"L"``, as every MNIST PNG is).
    """
    path = Path(path)
    try:
        with Image.open(path) as im:
            mode, size = im.mode, im.size
            if size != (SIZE, SIZE):
                raise CorruptImageError(
                    f"{path} is {size[0]}x{size[1]} pixels, but MNIST images are "
                    f"{SIZE}x{SIZE}. This file does not belong to the MNIST data: {_FIX}"
                )
            if mode != "L":
                raise CorruptImageError(
                    f"{path} has PIL mode {mode!r}, but MNIST images are single-channel 8-bit "
                    f"greyscale (mode 'L'). Convert it (Image.open(p).convert('L').save(p)) or "
                    f"replace it with the original file. {_FIX}"
                )
            arr = np.array(im)
    except FileNotFoundError as e:
        raise MissingDataError(f"Image file {path} does not exist. {_FIX}") from e
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as e:
        if isinstance(e, CorruptImageError):
            raise
        raise CorruptImageError(
            f"{path} could not be read as an image ({type(e).__name__}: {e}). The file is "
            f"damaged or is not an image at all. {_FIX}"
        ) from e
    if arr.dtype != np.uint8 or arr.shape != (SIZE, SIZE):
        raise CorruptImageError(
            f"{path} decoded to an array of dtype {arr.dtype} and shape {arr.shape}, "
            f"expected uint8 ({SIZE}, {SIZE}). {_FIX}"
        )
    return torch.from_numpy(arr)


def _progress(iterable: Iterable, total: int, show: bool, desc: str):
    if not show or total < PROGRESS_MIN_FILES:
        return iterable
    from tqdm.auto import tqdm

    return tqdm(iterable, total=total, desc=desc, unit="img", leave=False)


def stack_uint8(
    paths: Sequence[str | os.PathLike], progress: bool = False, desc: str = "reading images"
) -> torch.Tensor:
    """Load every file with :func:`load_image` and ``torch.stack`` them: ``uint8 [N, 28, 28]``.

    An empty ``paths`` gives an empty ``uint8 [0, 28, 28]`` tensor. With ``progress=True`` and
    at least :data:`PROGRESS_MIN_FILES` files, a tqdm bar is shown on stderr.
    """
    paths = list(paths)
    if not paths:
        return torch.empty((0, SIZE, SIZE), dtype=torch.uint8)
    return torch.stack([load_image(p) for p in _progress(paths, len(paths), progress, desc)])


def stack_images(paths: Sequence[str | os.PathLike], progress: bool = False) -> torch.Tensor:
    """The book's ``torch.stack([tensor(Image.open(o)) for o in paths]).float()/255``.

    Returns ``float32 [N, 28, 28]`` with values in [0, 1]; files are read in the order given.
    """
    return stack_uint8(paths, progress=progress).float() / 255
