"""Checks of exercise 1: load_image, stack_images, mean_image, make_xy and make_dset.

The student's functions run in the isolated worker; everything compared here is plain data that
came back. Images come from two places, both copied into a fresh folder the worker can read (and
removed afterwards): small PNG files with known pixel values (0, 255 and everything between, so a
missing ``/255`` or an integer division ``//`` shows), and the first few files, sorted by name, of the
real data the grader finds (``<path>/train/3`` and ``<path>/train/7`` of MNIST_SAMPLE, the book's
layout). Values are compared with ``torch.allclose(rtol=1e-5, atol=1e-6)``. The targets' device is
not checked: the book's ``tensor([1]*len(threes) + ...)`` is created on the CPU, which is fine for
this exercise. Their dtype may be float32 or int64, as the stub says: the book's targets are int64
(``tensor([1]*len(threes) + [0]*len(sevens))``), and its ``mnist_loss`` computes with either.

Two probes (:mod:`autograder.probes.e01_stacking`) collect what plain calls cannot: what
``make_dset`` returned (its length, items and a DataLoader's first batch), and ``stack_images`` run
with the reference ``load_image``, to name load_image as the cause when only it is wrong.
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

from autograder.checks.common import device, gen, raised_by_student, sample_data
from autograder.core.errors import GraderError
from autograder.core.exercise import Exercise
from autograder.core.feedback import Mistake, Wrong, describe, expect_tensor
from autograder.sandbox.client import Remote
from mnist_ref import similarity, stacking
from mnist_ref.data import images as ref_images

PIXELS = "Pixels: The Foundations of Computer Vision"
SIMILARITY = "First Try: Pixel Similarity"
LOSS = "The MNIST Loss Function"  # make_xy and make_dset: the book builds x, y, dset there
BATCHES = "SGD and Mini-Batches"  # DataLoader

EXERCISE = Exercise(
    stem="e01_stacking",
    title="Exercise 1: stacking images",
    section=SIMILARITY,
    hints=[
        "Each function is one or two lines of the book's sections \"Pixels: The Foundations of "
        "Computer Vision\" and \"First Try: Pixel Similarity\". Print the shape and dtype of "
        "every tensor you make.",
        "stack_images: torch.stack the loaded images, then .float() / 255 as the book does "
        "(uint8 / 255 already gives floats; // would be integer division). "
        "mean_image: the images are on axis 0. make_xy: torch.cat, then .view(-1, 28*28); the "
        "targets are a column [N, 1], 1 for a 3 and 0 for a 7 (float32 or the book's int64).",
        "load_image: torch.tensor(np.array(Image.open(path))). stack_images: "
        "torch.stack([load_image(p) for p in paths]).float() / 255. mean_image: stacked.mean(0). "
        "make_xy: y = torch.tensor([1]*len(threes) + [0]*len(sevens)).unsqueeze(1). "
        "make_dset: list(zip(x, y)).",
    ],
)
check = EXERCISE.check


# --- inputs ------------------------------------------------------------------------------------


def _known_pixels() -> list[np.ndarray]:
    """Three uint8 ``(28, 28)`` images: each value 0..255, its negative, a 0/255 checkerboard."""
    ramp = (np.arange(28 * 28) % 256).reshape(28, 28).astype(np.uint8)
    checker = ((np.indices((28, 28)).sum(0) % 3 == 0) * 255).astype(np.uint8)
    return [ramp, 255 - ramp, checker]


@contextmanager
def _worker_folder() -> Iterator[Path]:
    """A fresh folder the worker (another user, read-only) can read; removed afterwards."""
    folder = Path(tempfile.mkdtemp(prefix="e01_stacking_"))
    try:
        os.chmod(folder, 0o755)
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _readable(path: Path, root: Path) -> None:
    """Make ``path`` readable by the worker, and every folder between it and ``root``."""
    os.chmod(path, 0o644)
    for parent in path.parents:
        if parent == root:
            break
        os.chmod(parent, 0o755)


def _write_known(folder: Path) -> tuple[list[Path], list[torch.Tensor]]:
    """The known images as greyscale PNGs in ``folder``: ``(paths, pixels uint8 [28, 28])``."""
    from PIL import Image

    paths, pixels = [], []
    for i, arr in enumerate(_known_pixels()):
        path = folder / f"known_{i}.png"
        Image.fromarray(arr).save(path)  # uint8 2-D: greyscale, mode "L"
        _readable(path, folder)
        paths.append(path)
        pixels.append(torch.from_numpy(arr.copy()))
    return paths, pixels


def _real_files(digit: int, n: int) -> list[Path]:
    """The first ``n`` files, sorted by name, of ``<data>/train/<digit>``."""
    source = Path(sample_data().path) / "train" / str(digit)
    files = ref_images.list_images(source)[:n]
    if len(files) < n:
        raise GraderError(f"the data folder {source} has fewer than {n} images: a problem of the "
                          "grader's data, not of your code; please report it")
    return files


def _copies(folder: Path, files: list[Path]) -> list[Path]:
    """``files`` (``.../train/<digit>/<name>``) copied to ``folder/train/<digit>/<name>``."""
    out = []
    for f in files:
        copy = folder / "train" / f.parent.name / f.name
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(f, copy)
        _readable(copy, folder)
        out.append(copy)
    return out


def _uniform(*shape: int, seed: int) -> torch.Tensor:
    """Seeded values in [0, 1) on the check device, like real pixels."""
    return torch.rand(*shape, generator=gen(seed)).to(device())


# --- load_image and stack_images ---------------------------------------------------------------


def _not_a_tensor(got, what: str) -> None:
    """A kind message for the two usual non-tensors, which stay in the worker: a PIL image and a
    NumPy array (``got.kind`` is their type's name, said by the worker: used for words only)."""
    if not isinstance(got, Remote):
        return
    if "Image" in got.kind:
        raise Wrong(f"{what} returned a PIL image ({got.kind}), not a tensor.",
                    cause="Image.open gives a PIL image: convert its pixels to a tensor",
                    section=PIXELS, hint="torch.tensor(np.array(Image.open(path)))")
    if got.kind == "ndarray":
        raise Wrong(f"{what} returned a NumPy array, not a tensor.",
                    cause="np.array(image) is only half way: make it a torch tensor",
                    section=PIXELS, hint="torch.tensor(np.array(image)) or torch.from_numpy(...)")


def _load_image_mistakes(expected: torch.Tensor) -> list[Mistake]:
    return [Mistake("the pixels were already scaled to [0, 1]: load_image returns the raw uint8 "
                    "pixels; stack_images scales them", expected.float() / 255),
            Mistake("the pixels were converted to another dtype: load_image returns them as they "
                    "are in the file, uint8", expected),
            Mistake("the image is transposed", expected.T)]


@check(points=1, description="load_image reads a PNG file as a uint8 tensor [28, 28] of its pixels")
def load_image_pixels(sub):
    load_image = sub.fn("load_image")
    real = _real_files(3, 1)[0]
    with _worker_folder() as folder:
        paths, pixels = _write_known(folder)
        copy = _copies(folder, [real])[0]
        got = load_image(paths[0])
        what = "load_image(a PNG file whose pixels are 0, 1, ..., 255, 0, 1, ...)"
        _not_a_tensor(got, what)
        expect_tensor(got, pixels[0], what=what, check_device=False, section=PIXELS,
                      hint="keep the raw pixels 0..255 as uint8: scaling is stack_images' job",
                      mistakes=_load_image_mistakes(pixels[0]))
        got = load_image(copy)
    what = f"load_image({real})"
    _not_a_tensor(got, what)
    expect_tensor(got, ref_images.load_image(real), what=what, check_device=False, section=PIXELS)


def _load_image_problem(sub, path: Path, pixels: torch.Tensor) -> str | None:
    """What is wrong with the student's load_image on ``path`` (whose pixels are ``pixels``), in
    words; None when it reads the file right."""
    what = "your load_image(a PNG file)"
    try:
        got = sub.fn("load_image")(path)
        _not_a_tensor(got, what)
        expect_tensor(got, pixels, what=what, check_device=False,
                      mistakes=_load_image_mistakes(pixels))
    except Wrong as wrong:
        return wrong.summary.rstrip(".") + (f" ({wrong.cause})" if wrong.cause else "")
    except Exception as err:  # noqa: BLE001 - only the student's own errors are words here
        if not raised_by_student(err):
            raise
        return f"{what} raised {err.student_type}: {err}"
    return None


def _blame_load_image(sub, paths: list[Path], expected: torch.Tensor,
                      first: torch.Tensor) -> str | None:
    """The cause to give when the student's stack_images is right with the reference load_image
    and their load_image is wrong; None otherwise."""
    try:
        with_reference = sub.probe("call_with", "stack_images", [paths], ["load_image"])
    except Exception as err:  # noqa: BLE001
        if not raised_by_student(err):
            raise
        return None
    if not (isinstance(with_reference, torch.Tensor) and with_reference.shape == expected.shape
            and with_reference.dtype == expected.dtype
            and torch.allclose(with_reference.cpu(), expected, rtol=1e-5, atol=1e-6)):
        return None
    problem = _load_image_problem(sub, paths[0], first)
    if problem is None:
        return None
    return (f"{problem}. Your stack_images itself is right: run with a correct load_image, it "
            "returns the expected stack (see the check load_image_pixels)")


def _stack_mistakes(raw: torch.Tensor, pixels: list[torch.Tensor]) -> list[Mistake]:
    expected = raw.float() / 255
    return [
        Mistake("the pixels were not divided by 255: values must be in [0, 1]", raw.float()),
        Mistake("integer division (//) of the uint8 pixels: every pixel became 0 or 1; divide "
                "with / (true division gives float32, even on uint8)", raw // 255),
        Mistake("the pixels were not divided by 255, and are still uint8", raw),
        Mistake("the files were not kept in the order given", expected.flip(0)),
        Mistake("torch.cat joins the images along their rows ([N*28, 28]); torch.stack puts them "
                "on a new first axis: [N, 28, 28]", torch.cat(pixels).float() / 255),
    ]


@check(points=2, description="stack_images stacks the files in order: float32 [N, 28, 28], 0 to 1")
def stack_images_values(sub):
    stack_images = sub.fn("stack_images")
    threes, sevens = _real_files(3, 3), _real_files(7, 2)
    with _worker_folder() as folder:
        paths, pixels = _write_known(folder)
        raw = torch.stack(pixels)
        expected = raw.float() / 255
        what = "stack_images(3 PNG files with pixels from 0 to 255)"
        try:
            expect_tensor(stack_images(paths), expected, what=what, check_device=False,
                          section=PIXELS, mistakes=_stack_mistakes(raw, pixels),
                          hint="torch.stack(...) gives uint8 [N, 28, 28]; then .float() / 255")
        except Exception as err:
            if not (isinstance(err, Wrong) or raised_by_student(err)):
                raise
            blame = _blame_load_image(sub, paths, expected, pixels[0])
            if blame is None:
                raise
            summary = err.summary if isinstance(err, Wrong) else (
                f"{what} raised {err.student_type}: {err}")
            raise Wrong(summary, cause=blame, section=PIXELS,
                        hint="fix load_image first: this check then passes too") from None
        copies = _copies(folder, threes + sevens)
        where = f"{threes[0].parent.parent} (the first files of train/3 and train/7, sorted)"
        got_five = stack_images(copies)
        got_one = stack_images(copies[:1])
    expect_tensor(got_five, ref_images.stack_images(threes + sevens), check_device=False,
                  what=f"stack_images(3 threes then 2 sevens of {where})", section=PIXELS)
    expect_tensor(got_one, ref_images.stack_images(threes[:1]), check_device=False,
                  what=f"stack_images(a list of 1 file of {where})", section=PIXELS,
                  hint="torch.stack adds a new first axis even for one image: [1, 28, 28]")


# --- mean_image and make_xy --------------------------------------------------------------------


@check(points=1, description="mean_image averages a stack [N, 28, 28] over the images: [28, 28]")
def mean_image_values(sub):
    stacked = _uniform(5, 28, 28, seed=11)
    expected = similarity.mean_image(stacked)
    got = sub.fn("mean_image")(stacked)
    expect_tensor(got, expected, what="mean_image(stacked [5, 28, 28])", section=SIMILARITY,
                  hint="the images are on axis 0: mean(0) leaves one image [28, 28]",
                  mistakes=[
                      Mistake("the mean is over axis 1 (the rows of each image), not over the "
                              "images (axis 0)", stacked.mean(1)),
                      Mistake("the mean is over the last axis (the columns of each image), not "
                              "over the images (axis 0)", stacked.mean(-1)),
                      Mistake("mean() without an axis averages everything into one number: "
                              "average over the images only, axis 0", stacked.mean()),
                      Mistake("sum(0) without dividing by the number of images", stacked.sum(0)),
                  ])


def _small_stacks():
    return _uniform(4, 28, 28, seed=21), _uniform(3, 28, 28, seed=22)


def _make_xy_pair(sub, threes, sevens):
    """The student's ``make_xy(threes, sevens)``, or a :class:`Wrong` when it is not a pair
    ``(x, y)``. (The worker receives copies: nothing it does changes the grader's tensors.)"""
    got = sub.fn("make_xy")(threes, sevens)
    if not isinstance(got, (tuple, list)) or len(got) != 2:
        raise Wrong("make_xy(threes, sevens) should return a pair (x, y).", got=describe(got),
                    section=LOSS, hint="return x, y")
    return got


@check(points=1, description="make_xy's x is the 3s then the 7s, one row of 784 pixels per image")
def make_xy_inputs(sub):
    threes, sevens = _small_stacks()
    expected, _ = stacking.make_xy(threes, sevens)
    got = _make_xy_pair(sub, threes, sevens)
    both = torch.cat([threes, sevens])
    expect_tensor(got[0], expected, what="x of make_xy(threes [4, 28, 28], sevens [3, 28, 28])",
                  section=LOSS, hint="torch.cat([threes, sevens]).view(-1, 28*28): [7, 784]",
                  mistakes=[
                      Mistake("view(28*28, -1) makes [784, N], a column per image, and mixes "
                              "the pixels of different images: use view(-1, 28*28), one row per "
                              "image", both.view(28 * 28, -1)),
                      Mistake("the 7s come first: put the 3s first, in the same order as y",
                              torch.cat([sevens, threes]).view(-1, 28 * 28)),
                      Mistake("the images are not flattened: view(-1, 28*28)", both),
                  ])


#: the targets' dtypes the stub allows: the exercises' float32 and the book's int64
TARGET_DTYPES = (torch.float32, torch.int64)


def _target_dtype_cause(dtype: torch.dtype) -> str:
    """Why a column of targets has ``dtype`` (not float32 or int64), and what to do instead."""
    if dtype == torch.float64:
        return ("float64 is double precision, NumPy's default float: torch.from_numpy or "
                "torch.tensor of a NumPy float array (np.ones, np.array of Python floats) keeps "
                "it. The stub asks for float32, like the predictions of the next exercises "
                "(torch.tensor of a list of Python floats gives it, or .float()), or the book's "
                "int64")
    if dtype == torch.bool:
        return ("a comparison such as labels == 3 gives bool: turn it into numbers with .float() "
                "(or .long(), the book's int64)")
    if dtype.is_floating_point:
        return (f"{str(dtype).removeprefix('torch.')} is a half-precision float: use float32, "
                "like the predictions of the next exercises (.float()), or the book's int64")
    return (f"{str(dtype).removeprefix('torch.')} is not the book's integer dtype: "
            "torch.tensor([1]*len(threes) + [0]*len(sevens)) makes int64 (.long()); float32 "
            "(.float()) works as well")


@check(points=2,
       description="make_xy's y is a column [N, 1]: 1 for a 3, 0 for a 7 (float32 or int64)")
def make_xy_targets(sub):
    threes, sevens = _small_stacks()
    _, expected = stacking.make_xy(threes, sevens)
    y = _make_xy_pair(sub, threes, sevens)[1]
    what = "y of make_xy(4 threes, 3 sevens)"
    hint = ("torch.tensor([1.0]*len(threes) + [0.0]*len(sevens)).unsqueeze(1), or the book's "
            "tensor([1]*len(threes) + [0]*len(sevens)).unsqueeze(1)")
    mistakes = [
        Mistake("a 3 is 0 and a 7 is 1, as in MNIST_SAMPLE's labels.csv; the book's targets are "
                "the opposite: 1 for a 3, 0 for a 7", 1 - expected),
        Mistake("y is [N], not a column [N, 1]: add .unsqueeze(1); a [N] target against [N, 1] "
                "predictions broadcasts to [N, N] in the loss", expected.view(-1)),
        Mistake("y holds the digits themselves (3 and 7); the targets are 1 for a 3 and 0 for a "
                "7", 7 - 4 * expected),
    ]
    # type and shape first; then the dtype (float32 or int64); then the values in that dtype
    expect_tensor(y, expected, what=what, check_device=False, check_dtype=False,
                  check_values=False, section=LOSS, hint=hint, mistakes=mistakes)
    if y.dtype not in TARGET_DTYPES:
        raise Wrong(f"{what} is a column of dtype {str(y.dtype).removeprefix('torch.')}; the "
                    "targets are float32 (1.0 and 0.0) or int64 (1 and 0).",
                    expected="float32 or int64 [7, 1]", got=describe(y),
                    cause=_target_dtype_cause(y.dtype), section=LOSS, hint=hint)
    expect_tensor(y, expected.to(y.dtype), what=what, check_device=False, section=LOSS,
                  hint=hint, mistakes=mistakes)


# --- make_dset ---------------------------------------------------------------------------------


@check(points=1, description="make_dset pairs each row of x with its target; len() and [i] work")
def make_dset_pairs(sub):
    threes, sevens = _small_stacks()
    x, y = stacking.make_xy(threes, sevens)
    what = "make_dset(x [7, 784], y [7, 1])"
    seen = sub.probe("dataset", x, y, [0, 5], 3)
    if not (seen["sized"] and seen["indexable"]):
        kind = seen["kind"]
        lacks = " and ".join(w for w, ok in (("no length", seen["sized"]),
                                             ("no indexing", seen["indexable"])) if not ok)
        raise Wrong(f"{what} returned a {kind} object, which has {lacks}.",
                    got=f"a {kind} object",
                    cause=("a zip object can only be iterated, once; a DataLoader needs len(dset) "
                           "and dset[i]" if kind == "zip" else
                           "nothing was returned: is a `return` missing?" if kind == "NoneType"
                           else None),
                    section=LOSS, hint="wrap it in a list: list(zip(x, y))")
    if seen["length"] != len(x):
        raise Wrong(f"{what} has length {seen['length']}; expected 7, one pair per image.",
                    got=f"a {seen['kind']} of length {seen['length']}", section=LOSS,
                    hint="list(zip(x, y))")
    for i, pair in zip((0, 5), seen["items"], strict=True):
        if not isinstance(pair, (tuple, list)) or len(pair) != 2:
            raise Wrong(f"element {i} of {what} should be a pair (x_{i}, y_{i}).",
                        got=describe(pair), section=LOSS, hint="list(zip(x, y))")
        expect_tensor(pair[0], x[i], what=f"the x of element {i} of {what}", section=LOSS,
                      check_device=False, hint="element i is (x[i], y[i]): x[i] is [784]")
        expect_tensor(pair[1], y[i], what=f"the y of element {i} of {what}", section=LOSS,
                      check_device=False, hint="element i is (x[i], y[i]): y[i] is [1]")
    loader = f"DataLoader({what}, batch_size=3)"
    if seen["batch_error"] is not None:
        raise Wrong(f"{loader} could not make a batch: {seen['batch_error']}.", section=BATCHES,
                    hint="each element is a pair of tensors (x[i], y[i]): list(zip(x, y))")
    batch = seen["batch"]
    if not isinstance(batch, (tuple, list)) or len(batch) != 2:
        raise Wrong(f"the first batch of {loader} should be a pair (xb, yb).",
                    got=describe(batch), section=BATCHES, hint="list(zip(x, y))")
    expect_tensor(batch[0], x[:3], what=f"the first x batch of {loader}", check_device=False,
                  section=BATCHES)
    expect_tensor(batch[1], y[:3], what=f"the first y batch of {loader}", check_device=False,
                  section=BATCHES)
