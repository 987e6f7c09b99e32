# %% [markdown]
# *GENERATED from solutions/e06_ten_digits.py by `mnist-grade build` (stub module and notebook). Maintainers: edit that file, then rebuild; never edit this one. Students: replace each `raise NotImplementedError` with your code.*

# %% [markdown]
# # Exercise 6: all ten digits: softmax, cross-entropy and a 784-30-10 network
#
# The chapter's second "Further Research" item: *complete all the steps in this chapter using
# the full MNIST dataset (that is, for all digits, not just 3s and 7s).* Book sections: "The
# MNIST Loss Function" (why a loss differs from a metric) and "Going Deeper" (bigger models).
# With ten classes, `mnist_loss` no longer fits: the model gives **ten** scores per image and
# the loss must reward the score of the right digit. The book's chapter 5 explains the tool
# (sections "Softmax", "Log Likelihood" and "Taking the Log"): **softmax** turns the ten scores
# into probabilities, and **cross-entropy** is the mean negative log-probability of the right class.
#
# Shapes used below: `N` is the batch size; `10` classes (digits 0-9); `784 = 28*28` pixels.
# Inputs `xb` are float32 `[N, 784]`; raw model outputs (logits) `preds` are float32 `[N, 10]`;
# targets `yb` are **int64 `[N]`**: the digit itself (0 to 9), not a column and not one-hot.
#
# You write six pieces: `softmax`, `log_softmax`, `cross_entropy`, `multiclass_accuracy`,
# `make_ten_digit_net` and `train_ten_digits`. Each function is checked alone against the
# reference implementation; then your network and loop train on real digits and must reach the
# accuracy the reference reaches with the same settings and seed.
# Run `pytest exercises` (or the last cell of the notebook) to grade them.
#
# What PyTorch you may use: `softmax` and `log_softmax` are written by hand, without PyTorch's
# own softmax or log_softmax (`torch.softmax`, `F.softmax`, `x.softmax(...)`,
# `torch.special.softmax` and their `log_softmax` twins); `torch.logsumexp` is fine.
# `cross_entropy` may use anything except PyTorch's whole loss: in this exercise `F.cross_entropy`
# and `F.nll_loss` (which `nn.CrossEntropyLoss` and `nn.NLLLoss` call) raise an error when your
# code calls them; `torch.log_softmax` is fine inside `cross_entropy`.

# %%
import torch
from torch import nn

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
