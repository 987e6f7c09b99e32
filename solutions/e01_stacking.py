# %% [markdown]
# # Exercise 1: from image files to tensors: `stack_images`, `mean_image`, `make_xy`
#
# Book sections: "Pixels: The Foundations of Computer Vision", "First Try: Pixel Similarity" and,
# for `make_xy` and `make_dset`, the start of "The MNIST Loss Function".
#
# Shapes used below: `N` is a number of images; each image is 28x28 pixels, `784 = 28*28`.
# A file becomes a `uint8` tensor `[28, 28]` (0 for the background up to 255 for the pen); a
# stack of them becomes float32 `[N, 28, 28]` with values in [0, 1]. For training, every image
# is then flattened to one row of 784 numbers: `x` is float32 `[N, 784]`, and the targets `y`
# are a column `[N, 1]`: **1 for a 3, 0 for a 7**, as float32 or int64.
#
# You write five small functions: `load_image`, `stack_images`, `mean_image`, `make_xy` and
# `make_dset`. They are checked on the real MNIST files that the grader finds (the same folder
# layout as the book's `path/'train'/'3'`) and on small PNG files with known pixel values.
# Run `pytest exercises` (or the last cell of the notebook) to grade them.
#
# **Differences from the book.** The book runs these steps as notebook cells on globals (`threes`,
# `stacked_threes`, ...) with fastai's `tensor(Image.open(o))`; here each step is a function of
# plain PyTorch, NumPy and PIL, so it can be checked alone and reused. The book's targets are
# int64 (`tensor([1]*len(threes) + [0]*len(sevens))`); here float32 is accepted too, the dtype the
# later exercises' `mnist_loss` computes in.

# %%
import numpy as np
import torch
from PIL import Image

# %% [markdown]
# ## `load_image`
# The book opens a file with PIL and turns it into a tensor: `tensor(Image.open(path))`
# (fastai's `tensor`). With plain PyTorch, go through a NumPy array: `np.array(image)` gives a
# `uint8` array `(28, 28)`, and `torch.tensor(...)` or `torch.from_numpy(...)` makes it a tensor.

# %%
def load_image(path):
    """Read one image file as a tensor of its pixels.

    Args:
        path: the file (a ``pathlib.Path``, as ``(path/'train'/'3').ls()`` gives).
    Returns:
        uint8 tensor ``[28, 28]``, values 0..255, exactly the file's pixels.
    """
    ### BEGIN SOLUTION
    return torch.tensor(np.array(Image.open(path)))
    ### END SOLUTION


# %% [markdown]
# ## `stack_images`
# One tensor for many images: `torch.stack` puts `N` tensors `[28, 28]` along a new first axis.
# Then scale the pixels into [0, 1], as the book does with `.float()/255`. (In current PyTorch
# `uint8_tensor / 255` already gives float32: `/` is true division and always makes floats; `//`
# is integer division and would leave only 0s and 1s.) The real `uint8` traps come when you
# compute with raw pixels: arithmetic that stays in `uint8` wraps around, so
# `torch.tensor([3], dtype=torch.uint8) - 7` is 252 and a difference of two images is garbage
# wherever the second is brighter; and `.mean()` refuses a `uint8` tensor ("mean(): could not
# infer output dtype"). Scaled to float32 once, here, the stack is safe for the means and the
# distances that follow.

# %%
def stack_images(paths):
    """Load every file of ``paths`` (in the order given) and stack them.

    Args:
        paths: a list of N image files.
    Returns:
        float32 tensor ``[N, 28, 28]``, values in [0, 1] (pixel / 255).
    """
    ### BEGIN SOLUTION
    return torch.stack([load_image(p) for p in paths]).float() / 255
    ### END SOLUTION


# %% [markdown]
# ## `mean_image`
# The "ideal" 3 is the average of all the 3s: for every pixel, the mean over the images. The
# images are on axis 0 of the stack, so the mean over axis 0 leaves one `[28, 28]` image.

# %%
def mean_image(stacked):
    """The pixel-wise mean of a stack of images.

    Args:
        stacked: float32 ``[N, 28, 28]``.
    Returns:
        float32 ``[28, 28]``.
    """
    ### BEGIN SOLUTION
    return stacked.mean(0)
    ### END SOLUTION


# %% [markdown]
# ## `make_xy`
# The book's section "The MNIST Loss Function" opens by turning the two stacks into one training
# set: concatenate the 3s and the 7s (`torch.cat`), flatten each image into a row
# (`.view(-1, 28*28)`: `-1` means "as many rows as needed"), and make the targets: 1 for every 3,
# 0 for every 7, as a column `[N, 1]` (`.unsqueeze(1)`), the same shape as the model's
# predictions later.
#
# Careful: MNIST_SAMPLE's `labels.csv` uses the opposite convention (a 3 is 0 there). Here a 3
# is **1**. The targets may be float32 (`1.0`, `0.0`) or int64 (`1`, `0`), the dtype the book's
# `tensor([1]*len(threes) + [0]*len(sevens))` makes: the book's `mnist_loss` works with either.
# (Not float64, NumPy's default float, nor bool: convert with `.float()` or `.long()`.)

# %%
def make_xy(threes, sevens):
    """The inputs and targets of the 3-versus-7 classifier.

    Args:
        threes: float32 ``[N3, 28, 28]``. sevens: float32 ``[N7, 28, 28]``.
    Returns:
        ``(x, y)``: x float32 ``[N3 + N7, 784]``, the 3s first then the 7s, one row per image;
        y ``[N3 + N7, 1]``, 1 for each 3 and 0 for each 7 (in the same order), float32 or int64.
    """
    ### BEGIN SOLUTION
    x = torch.cat([threes, sevens]).view(-1, 28 * 28)
    y = torch.tensor([1.0] * len(threes) + [0.0] * len(sevens), device=threes.device).unsqueeze(1)
    return x, y
    ### END SOLUTION


# %% [markdown]
# ## `make_dset`
# A PyTorch dataset is anything that has a length and returns the pair `(x, y)` for an index.
# The book builds it with `list(zip(x, y))`. (A bare `zip` is not enough: it has no length, no
# indexing, and can be read only once.)

# %%
def make_dset(x, y):
    """Pair every image with its target.

    Args:
        x: float32 ``[N, 784]``. y: ``[N, 1]`` (float32 or int64).
    Returns:
        a list of N tuples ``(x_i, y_i)``: x_i ``[784]``, y_i ``[1]``; ``dset[i]`` is the i-th pair.
    """
    ### BEGIN SOLUTION
    return list(zip(x, y))  # noqa: B905 - the book's line; x and y have the same length
    ### END SOLUTION
