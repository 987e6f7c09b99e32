"""The check of ``load_digits``: the images of ``training/0`` ... ``training/9`` (and of
``testing/``) as float32 ``[N, 784]`` in [0, 1] and int64 ``[N]`` digits, in the stub's order.

The grader writes two small trees in a fresh folder the worker can read (removed afterwards):
``training/<digit>`` with 1 to 4 files per digit and ``testing/<digit>`` with 1 or 2, copies of
the first real digits of the data it finds plus one image holding every value 0..255, under
zero-padded names written in an order other than their names' (a listing that is not sorted
shows). The student's function reads each tree in the worker; the answer is compared here with
the reference's ``load_digits`` on the same files, and a known mistake is named: no ``/ 255``, an
integer division, float64 pixels, images not flattened, the targets as a column or as floats,
the right rows in another order (files or folders not sorted), digits missing.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import torch

from autograder.checks.common import ten_digit_data
from autograder.checks.e06_ten_digits.exercise import PIXELS, check
from autograder.core.errors import GraderError
from autograder.core.feedback import Mistake, Wrong, describe, expect_tensor
from mnist_ref import multiclass as ref
from mnist_ref.data.images import list_images

#: files per digit in the two trees the check writes
COUNTS = {"training": (3, 2, 4, 1, 3, 2, 3, 2, 4, 3), "testing": (1, 2, 1, 2, 1, 1, 2, 1, 2, 1)}

_HINT = ("for digit in range(10): files = sorted((folder / str(digit)).glob('*.png')); stack "
         "torch.tensor(np.array(Image.open(f))) for every file, .float() / 255, "
         ".view(-1, 28*28); the targets torch.tensor([digit] * len(files) for each digit, "
         "concatenated)")


@contextmanager
def _worker_folder() -> Iterator[Path]:
    """A fresh folder the worker (another user, read-only) can read; removed afterwards."""
    folder = Path(tempfile.mkdtemp(prefix="e06_ten_digits_"))
    try:
        os.chmod(folder, 0o755)
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _real_files(digit: int, n: int) -> list[Path]:
    """The first ``n`` files, sorted by name, of ``<data>/training/<digit>``."""
    source = Path(ten_digit_data().path) / "training" / str(digit)
    files = list_images(source)[:n]
    if len(files) < n:
        raise GraderError(f"the data folder {source} has fewer than {n} images: a problem of the "
                          "grader's data, not of your code; please report it")
    return files


def _write_tree(root: Path, split: str, offset: int) -> None:
    """``root/split/<digit>/<name>.png`` for :data:`COUNTS`: real digits (``offset`` skips the
    first ones), one of them in ``training/0`` replaced by every value 0..255; names zero-padded,
    written last name first."""
    from PIL import Image

    rng = np.random.default_rng(6 + offset)
    for digit, n in enumerate(COUNTS[split]):
        folder = root / split / str(digit)
        folder.mkdir(parents=True)
        sources = _real_files(digit, offset + n)[offset:]
        names = sorted(f"{int(v):05d}.png" for v in rng.choice(90000, size=n, replace=False))
        for i in reversed(range(n)):
            if split == "training" and digit == 0 and i == 1:
                ramp = (np.arange(28 * 28) % 256).reshape(28, 28).astype(np.uint8)
                Image.fromarray(ramp).save(folder / names[i])
            else:
                shutil.copyfile(sources[i], folder / names[i])
            os.chmod(folder / names[i], 0o644)
        os.chmod(folder, 0o755)
    os.chmod(root / split, 0o755)


def _pair(got, call: str) -> tuple:
    if isinstance(got, (tuple, list)) and len(got) == 2:
        return tuple(got)
    raise Wrong(f"{call} should return a pair (x, y).", expected="(x float32 [N, 784], "
                "y int64 [N])", got=describe(got), section=PIXELS,
                hint="return x.view(-1, 28*28), torch.tensor(digits)")


def _rows(t: torch.Tensor) -> list[bytes]:
    return [r.numpy().tobytes() for r in t.detach().cpu().float().contiguous()]


def _order_cause(x, y, expected_x, expected_y) -> str | None:
    """Named when ``(x, y)`` holds exactly the expected images, each with its digit, in another
    order; or when whole digits are missing."""
    if not (isinstance(x, torch.Tensor) and isinstance(y, torch.Tensor)):
        return None
    if x.dim() != 2 or x.shape[1:] != expected_x.shape[1:] or y.shape != (len(x),):
        return None
    if _rows(x) == _rows(expected_x) and y.tolist() == expected_y.tolist():
        return None  # the right order
    pairs = sorted(zip(_rows(x), y.tolist()))
    expected_pairs = sorted(zip(_rows(expected_x), expected_y.tolist()))
    if len(x) == len(expected_x) and pairs == expected_pairs:
        return ("the right images, each with its digit, but in another order: the stub fixes it "
                "(digit 0's folder first, then 1's, ..., and within a folder the files sorted by "
                "name). os.listdir, glob and Path.iterdir list files in an arbitrary order: wrap "
                "them in sorted(...), and go through the digits with range(10)")
    missing = sorted(set(expected_y.tolist()) - set(y.tolist()))
    if missing and len(x) < len(expected_x):
        return (f"no image of digit {', '.join(map(str, missing))}: read all ten folders, "
                "for digit in range(10) (range(9) stops at 8)")
    return None


def _expect_digits(got, folder: Path, call: str) -> None:
    expected_x, expected_y = ref.load_digits(folder)
    x, y = _pair(got, call)
    n = len(expected_y)
    if isinstance(x, torch.Tensor) and tuple(x.shape) == (n, 28, 28):
        raise Wrong(f"{call} returned the images as [{n}, 28, 28].", expected=describe(expected_x),
                    got=describe(x), cause="the images are not flattened: the network takes one "
                    "row of 784 pixels per image, x.view(-1, 28*28)", section=PIXELS, hint=_HINT)
    order = _order_cause(x, y, expected_x, expected_y)
    if order is not None:
        raise Wrong(f"{call} returned the images in the wrong order or not all of them.",
                    expected=describe(expected_x), got=describe(x), cause=order, section=PIXELS,
                    hint=_HINT)
    if isinstance(x, torch.Tensor) and x.dtype == torch.float64:
        raise Wrong(f"{call}: the images are float64.", expected=describe(expected_x),
                    got=describe(x), cause="NumPy's division gives float64 "
                    "(np.array(img) / 255): make the uint8 tensor first and divide it, "
                    "torch.stack(images).float() / 255, as the book does", section=PIXELS,
                    hint=_HINT)
    expect_tensor(x, expected_x, what=f"{call}[0] (the images)", check_device=False,
                  section=PIXELS, hint=_HINT, mistakes=[
                      Mistake("the pixels are not divided by 255: they must be in [0, 1], "
                              ".float() / 255", expected_x * 255),
                      Mistake("integer division: // 255 leaves 0 for every pixel below 255; "
                              "divide with / (x / 255 already gives float32)",
                              torch.div((expected_x * 255).round(), 255, rounding_mode="floor")),
                  ])
    if isinstance(y, torch.Tensor) and tuple(y.shape) == (n, 1):
        raise Wrong(f"{call}[1] (the targets) is a column [{n}, 1].", expected=describe(expected_y),
                    got=describe(y), cause="the targets of ten digits are the digit itself, "
                    "int64 [N], what cross_entropy indexes with (the 3-vs-7 targets were a float "
                    "column of 0s and 1s)", section=PIXELS, hint="torch.tensor(digits)")
    if isinstance(y, torch.Tensor) and y.shape == expected_y.shape and y.is_floating_point():
        raise Wrong(f"{call}[1] (the targets) is {str(y.dtype).replace('torch.', '')}.",
                    expected=describe(expected_y), got=describe(y), cause="the targets are "
                    "class numbers, int64 (torch.tensor of Python ints): indexing and cross_entropy "
                    "need integers, not .float()", section=PIXELS, hint="torch.tensor(digits)")
    expect_tensor(y, expected_y, what=f"{call}[1] (the digits)", check_device=False, rtol=0,
                  atol=0, section=PIXELS, hint="the digit of each image's folder, in the order "
                  "of the images: [digit] * len(files) for each digit")


@check(points=1, description="load_digits reads folder/0 ... folder/9 into float32 [N, 784] "
       "images in [0, 1] and their int64 [N] digits, in digit then file-name order")
def load_digits_values(sub):
    load_digits = sub.fn("load_digits")
    with _worker_folder() as root:
        _write_tree(root, "training", offset=0)
        _write_tree(root, "testing", offset=4)
        for split in ("training", "testing"):
            folder = root / split
            _expect_digits(load_digits(folder), folder, f"load_digits(path/'{split}')")
