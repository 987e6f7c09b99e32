"""Checks of exercise 1: load_image, stack_images, mean_image, make_xy and make_dset.

Images come from two places: small PNG files that the checks write to a temporary folder, with
known pixel values (0, 255 and everything between, so a missing ``/255`` or an integer division
shows), and the first few files, sorted by name, of the real data the grader finds
(``<path>/train/3`` and ``<path>/train/7`` of MNIST_SAMPLE, the book's layout). Values are
compared with ``torch.allclose(rtol=1e-5, atol=1e-6)``. The targets' device is not checked: the
book's ``tensor([1]*len(threes) + ...)`` is created on the CPU, which is fine for this exercise.
"""

from __future__ import annotations

import tempfile
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import torch
from torch.utils.data import DataLoader

from autograder.checks.common import device, gen, sample_data
from autograder.core.errors import GraderError
from autograder.core.exercise import Exercise
from autograder.core.feedback import Mistake, Wrong, describe, expect_tensor
from mnist_ref import similarity, stacking
from mnist_ref.data import images as ref_images

PIXELS = "Pixels: The Foundations of Computer Vision"
SIMILARITY = "First Try: Pixel Similarity"
SGD = "Stochastic Gradient Descent (SGD)"

EXERCISE = Exercise(
    stem="e01_stacking",
    title="Exercise 1: stacking images",
    section=SIMILARITY,
    hints=[
        "Each function is one or two lines of the book's sections \"Pixels: The Foundations of "
        "Computer Vision\" and \"First Try: Pixel Similarity\". Print the shape and dtype of "
        "every tensor you make.",
        "stack_images: torch.stack the loaded images, then .float() BEFORE dividing by 255. "
        "mean_image: the images are on axis 0. make_xy: torch.cat, then .view(-1, 28*28); the "
        "targets are a column [N, 1] of floats, 1.0 for a 3.",
        "load_image: torch.tensor(np.array(Image.open(path))). stack_images: "
        "torch.stack([load_image(p) for p in paths]).float() / 255. mean_image: stacked.mean(0). "
        "make_xy: y = torch.tensor([1.0]*len(threes) + [0.0]*len(sevens)).unsqueeze(1). "
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
def _png_files():
    """The known images written as greyscale PNGs in a temporary folder: ``(paths, pixels)``."""
    from PIL import Image

    pixels = _known_pixels()
    with tempfile.TemporaryDirectory(prefix="e01_stacking_") as tmp:
        paths = []
        for i, arr in enumerate(pixels):
            p = Path(tmp) / f"known_{i}.png"
            Image.fromarray(arr).save(p)  # uint8 2-D: greyscale, mode "L"
            paths.append(p)
        yield paths, [torch.from_numpy(a.copy()) for a in pixels]


def _real_files(digit: int, n: int) -> list[Path]:
    """The first ``n`` files, sorted by name, of ``<data>/train/<digit>``."""
    folder = Path(sample_data().path) / "train" / str(digit)
    files = ref_images.list_images(folder)[:n]
    if len(files) < n:
        raise GraderError(f"the data folder {folder} has fewer than {n} images: a problem of the "
                          "grader's data, not of your code; please report it")
    return files


def _uniform(*shape: int, seed: int) -> torch.Tensor:
    """Seeded values in [0, 1) on the check device, like real pixels."""
    return torch.rand(*shape, generator=gen(seed)).to(device())


# --- checks ------------------------------------------------------------------------------------


def _not_a_tensor(got, what: str) -> None:
    """A kind message for the two usual non-tensors: a PIL image and a NumPy array."""
    from PIL import Image

    if isinstance(got, Image.Image):
        raise Wrong(f"{what} returned a PIL image, not a tensor.", got=describe(got),
                    cause="Image.open gives a PIL image: convert its pixels to a tensor",
                    section=PIXELS, hint="torch.tensor(np.array(Image.open(path)))")
    if isinstance(got, np.ndarray):
        raise Wrong(f"{what} returned a NumPy array, not a tensor.",
                    got=f"numpy array of shape {list(got.shape)}, dtype {got.dtype}",
                    cause="np.array(image) is only half way: make it a torch tensor",
                    section=PIXELS, hint="torch.tensor(np.array(image)) or torch.from_numpy(...)")


@check(points=1, description="load_image reads a PNG file as a uint8 tensor [28, 28] of its pixels")
def load_image_pixels(sub):
    load_image = sub.fn("load_image")
    with _png_files() as (paths, pixels):
        got = load_image(paths[0])
        what = "load_image(a PNG file whose pixels are 0, 1, ..., 255, 0, 1, ...)"
        _not_a_tensor(got, what)
        expected = pixels[0]
        expect_tensor(got, expected, what=what, check_device=False, section=PIXELS,
                      hint="keep the raw pixels 0..255 as uint8: scaling is stack_images' job",
                      mistakes=[Mistake("the pixels were already scaled to [0, 1]: load_image "
                                        "returns the raw uint8 pixels; stack_images scales them",
                                        expected.float() / 255),
                                Mistake("the pixels were converted to another dtype: load_image "
                                        "returns them as they are in the file, uint8", expected),
                                Mistake("the image is transposed", expected.T)])
    real = _real_files(3, 1)[0]
    got = load_image(real)
    what = f"load_image({real})"
    _not_a_tensor(got, what)
    expect_tensor(got, ref_images.load_image(real), what=what, check_device=False, section=PIXELS)


@check(points=2, description="stack_images stacks the files in order: float32 [N, 28, 28], 0 to 1")
def stack_images_values(sub):
    stack_images = sub.fn("stack_images")
    with _png_files() as (paths, pixels):
        got = stack_images(paths)
        raw = torch.stack(pixels)
        expected = raw.float() / 255
        expect_tensor(got, expected, what="stack_images(3 PNG files with pixels from 0 to 255)",
                      check_device=False, section=PIXELS,
                      hint="torch.stack(...) gives uint8 [N, 28, 28]; then .float() / 255",
                      mistakes=[
                          Mistake("the pixels were not divided by 255: values must be in [0, 1]",
                                  raw.float()),
                          Mistake("integer division of the uint8 pixels: every pixel became 0 or "
                                  "1; convert with .float() before dividing by 255", raw // 255),
                          Mistake("the pixels were not divided by 255, and are still uint8", raw),
                          Mistake("the files were not kept in the order given", expected.flip(0)),
                          Mistake("torch.cat joins the images along their rows ([N*28, 28]); "
                                  "torch.stack puts them on a new first axis: [N, 28, 28]",
                                  torch.cat(pixels).float() / 255),
                      ])
    threes, sevens = _real_files(3, 3), _real_files(7, 2)
    where = f"{threes[0].parent.parent} (the first files of train/3 and train/7, sorted)"
    got = stack_images(threes + sevens)
    expect_tensor(got, ref_images.stack_images(threes + sevens), check_device=False,
                  what=f"stack_images(3 threes then 2 sevens of {where})", section=PIXELS)
    got = stack_images(threes[:1])
    expect_tensor(got, ref_images.stack_images(threes[:1]), check_device=False,
                  what=f"stack_images(a list of 1 file of {where})", section=PIXELS,
                  hint="torch.stack adds a new first axis even for one image: [1, 28, 28]")


@check(points=1, description="mean_image averages a stack [N, 28, 28] over the images: [28, 28]")
def mean_image_values(sub):
    stacked = _uniform(5, 28, 28, seed=11)
    expected = similarity.mean_image(stacked)
    got = sub.fn("mean_image")(stacked.clone())
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
    """The student's ``make_xy(threes, sevens)`` (on copies), or a :class:`Wrong` when it is not
    a pair ``(x, y)``."""
    got = sub.fn("make_xy")(threes.clone(), sevens.clone())
    if not isinstance(got, (tuple, list)) or len(got) != 2:
        raise Wrong("make_xy(threes, sevens) should return a pair (x, y).", got=describe(got),
                    section=SGD, hint="return x, y")
    return got


@check(points=1, description="make_xy's x is the 3s then the 7s, one row of 784 pixels per image")
def make_xy_inputs(sub):
    threes, sevens = _small_stacks()
    expected, _ = stacking.make_xy(threes, sevens)
    got = _make_xy_pair(sub, threes, sevens)
    both = torch.cat([threes, sevens])
    expect_tensor(got[0], expected, what="x of make_xy(threes [4, 28, 28], sevens [3, 28, 28])",
                  section=SGD, hint="torch.cat([threes, sevens]).view(-1, 28*28): [7, 784]",
                  mistakes=[
                      Mistake("view(28*28, -1) makes [784, N], a column per image, and mixes "
                              "the pixels of different images: use view(-1, 28*28), one row per "
                              "image", both.view(28 * 28, -1)),
                      Mistake("the 7s come first: put the 3s first, in the same order as y",
                              torch.cat([sevens, threes]).view(-1, 28 * 28)),
                      Mistake("the images are not flattened: view(-1, 28*28)", both),
                  ])


@check(points=2, description="make_xy's y is a float32 column [N, 1]: 1.0 for a 3, 0.0 for a 7")
def make_xy_targets(sub):
    threes, sevens = _small_stacks()
    _, expected = stacking.make_xy(threes, sevens)
    got = _make_xy_pair(sub, threes, sevens)
    expect_tensor(got[1], expected, what="y of make_xy(4 threes, 3 sevens)", check_device=False,
                  section=SGD,
                  hint="torch.tensor([1.0]*len(threes) + [0.0]*len(sevens)).unsqueeze(1)",
                  mistakes=[
                      Mistake("a 3 is 0 and a 7 is 1, as in MNIST_SAMPLE's labels.csv; the book's "
                              "targets are the opposite: 1 for a 3, 0 for a 7", 1 - expected),
                      Mistake("y is [N], not a column [N, 1]: add .unsqueeze(1); a [N] target "
                              "against [N, 1] predictions broadcasts to [N, N] in the loss",
                              expected.view(-1)),
                      Mistake("y is a column of the right values, but not floats: the book's "
                              "tensor([1]*len(threes) + [0]*len(sevens)) makes int64; these "
                              "exercises use float targets (1.0 and 0.0), which losses compute "
                              "with",
                              expected),
                  ])


@check(points=1, description="make_dset pairs each row of x with its target; len() and [i] work")
def make_dset_pairs(sub):
    threes, sevens = _small_stacks()
    x, y = stacking.make_xy(threes, sevens)
    dset = sub.fn("make_dset")(x, y)
    what = "make_dset(x [7, 784], y [7, 1])"
    if not hasattr(dset, "__len__") or not hasattr(dset, "__getitem__"):
        kind = type(dset).__name__
        raise Wrong(f"{what} returned a {kind} object, which has no length and no indexing.",
                    got=describe(dset),
                    cause=("a zip object can only be iterated, once; a DataLoader needs len(dset) "
                           "and dset[i]" if kind == "zip" else None),
                    section=SGD, hint="wrap it in a list: list(zip(x, y))")
    if len(dset) != len(x):
        raise Wrong(f"{what} has length {len(dset)}; expected 7, one pair per image.",
                    got=describe(dset), section=SGD, hint="list(zip(x, y))")
    for i in (0, 5):
        pair = dset[i]
        if not isinstance(pair, (tuple, list)) or len(pair) != 2:
            raise Wrong(f"element {i} of {what} should be a pair (x_{i}, y_{i}).",
                        got=describe(pair), section=SGD, hint="list(zip(x, y))")
        expect_tensor(pair[0], x[i], what=f"the x of element {i} of {what}", section=SGD,
                      check_device=False, hint="element i is (x[i], y[i]): x[i] is [784]")
        expect_tensor(pair[1], y[i], what=f"the y of element {i} of {what}", section=SGD,
                      check_device=False, hint="element i is (x[i], y[i]): y[i] is [1]")
    xb, yb = next(iter(DataLoader(dset, batch_size=3)))
    expect_tensor(xb, x[:3], what=f"the first x batch of DataLoader({what}, batch_size=3)",
                  check_device=False, section=SGD)
    expect_tensor(yb, y[:3], what=f"the first y batch of DataLoader({what}, batch_size=3)",
                  check_device=False, section=SGD)
