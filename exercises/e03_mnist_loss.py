# %% [markdown]
# *GENERATED from solutions/e03_mnist_loss.py by `mnist-grade build` (stub module and notebook). Maintainers: edit that file, then rebuild; never edit this one. Students: replace each `raise NotImplementedError` with your code.*

# %% [markdown]
# # Exercise 3: a loss function for 3s and 7s: `mnist_loss`
#
# Book sections: "The MNIST Loss Function" (with its subsection "Sigmoid") and, for the seven
# steps these functions serve, "Stochastic Gradient Descent (SGD)".
#
# Shapes used below: `N` is the batch size; `784 = 28*28` pixels per image. Inputs `xb` are
# float32 `[N, 784]` in [0, 1]; targets `yb` are float32 `[N, 1]`: **1 for a 3, 0 for a 7**.
#
# You write six small functions: `init_params`, `linear1`, `predict_3`, `sigmoid`, `mnist_loss`
# and `batch_accuracy`. Each one is checked alone against the reference implementation, and
# `mnist_loss` is also dropped into the reference training loop, which must still learn.
# Run `pytest exercises` (or the last cell of the notebook) to grade them.
#
# **Differences from the book.** The book's targets are int64 (`tensor([1]*len(threes) + ...)`);
# here they are float32, the dtype `mnist_loss` computes in (the book's code works with both).
# The book's `linear1(xb)` reads the globals `weights` and `bias`; here they are arguments, so
# each function can be checked alone. `predict_3` is not in the book: it names the book's
# `preds > 0.0`, explained below. The training check runs the reference loop with **shuffled**
# batches: the book's `DataLoader(dset, batch_size=256)` does not shuffle, and its data is every
# 3 then every 7, so each of its batches holds one digit only and every step pulls the model
# towards that digit. Measured here (lr 1.0, seeds 0 and 42, the complete MNIST_SAMPLE): after
# one epoch 0.63 and 0.73 accuracy unshuffled against 0.79 and 0.88 shuffled; after 20 epochs
# 0.963 to 0.970 either way. Shuffled batches are what the book's own examples in "SGD and
# Mini-Batches" use (`DataLoader(coll, batch_size=5, shuffle=True)`): a fair sample in each.

# %%
import torch

# %% [markdown]
# ## `init_params`
# Random parameters drawn from a normal distribution, scaled by `std`, with gradients tracked
# (`requires_grad_()`), so that PyTorch computes `d(loss)/d(param)` for them.

# %%
def init_params(size, std=1.0):
    """Random normal parameters that track gradients.

    Args:
        size: the shape, e.g. ``(784, 1)`` for the weights or ``1`` for the bias.
        std: the standard deviation of the normal distribution.
    Returns:
        float32 tensor of shape ``size`` with ``requires_grad=True``.
    """
    raise NotImplementedError("e03_mnist_loss: write init_params here (stuck? .venv/bin/mnist-grade hint e03_mnist_loss in a terminal, hint('e03_mnist_loss') in the notebook)")


# %% [markdown]
# ## `linear1`
# The linear model: one weight per pixel, plus a bias. A matrix product does every image of the
# batch at once.

# %%
def linear1(xb, weights, bias):
    """``xb @ weights + bias``.

    Args:
        xb: float32 ``[N, 784]``; weights: ``[784, 1]``; bias: ``[1]``.
    Returns:
        float32 ``[N, 1]``: one raw score (logit) per image.
    """
    raise NotImplementedError("e03_mnist_loss: write linear1 here (stuck? .venv/bin/mnist-grade hint e03_mnist_loss in a terminal, hint('e03_mnist_loss') in the notebook)")


# %% [markdown]
# ## `predict_3`: why a raw output above 0.0 means a 3
# The book decides with `preds > 0.0` (its cell `corrects = (preds>0.0).float() == train_y`).
# Why 0.0, and why does *above* mean a 3?
#
# - **1 means "3" is our convention.** `make_xy` gave every 3 the target 1 and every 7 the target
#   0 (MNIST_SAMPLE's `labels.csv` does the opposite). Nothing in the pixels makes a 3
#   "positive": with the other convention the same reasoning would call outputs above 0 a 7.
# - **The loss decides which way the outputs go.** `mnist_loss` (below) is `1 - sigmoid(pred)`
#   for a 3 and `sigmoid(pred)` for a 7. Lowering it pushes the raw outputs of 3s **up** and
#   those of 7s **down**, so after training, 3s sit on the high side and 7s on the low side.
# - **0.0 is the middle.** `sigmoid(0) = 0.5`, and the sigmoid increases, so `pred > 0.0` is
#   exactly `sigmoid(pred) > 0.5`: the model's "probability of a 3" is closer to the target 1
#   than to the target 0. Comparing the *raw* output with 0.5 would be a different, wrong line.

# %%
def predict_3(preds):
    """Which images the model calls a 3, from its raw outputs.

    Args:
        preds: raw model outputs (not through a sigmoid), float32 ``[N, 1]``.
    Returns:
        ``[N, 1]``: True (or 1.0) where the output says "3", i.e. where it is above 0.0; bool, or
        0/1 floats as the book's ``(preds > 0.0).float()`` gives.
    """
    raise NotImplementedError("e03_mnist_loss: write predict_3 here (stuck? .venv/bin/mnist-grade hint e03_mnist_loss in a terminal, hint('e03_mnist_loss') in the notebook)")


# %% [markdown]
# ## `sigmoid`
# Squashes any number into (0, 1): $\sigma(x) = 1 / (1 + e^{-x})$. Write it yourself with
# `torch.exp`, not with a sigmoid PyTorch already has (`torch.sigmoid`, `x.sigmoid()`,
# `F.sigmoid`, `nn.Sigmoid` or `torch.special.expit`): the check watches for those while your
# `sigmoid` runs. The other functions of this exercise may use `x.sigmoid()`, as the book does.

# %%
def sigmoid(x):
    """``1 / (1 + exp(-x))`` elementwise: any shape in, the same shape out, values in (0, 1)."""
    raise NotImplementedError("e03_mnist_loss: write sigmoid here (stuck? .venv/bin/mnist-grade hint e03_mnist_loss in a terminal, hint('e03_mnist_loss') in the notebook)")


# %% [markdown]
# ## `mnist_loss`
# How far each prediction is from its target, after squashing the predictions into (0, 1) with a
# sigmoid: for a 3 (target 1) the distance is `1 - prediction`, for a 7 (target 0) it is
# `prediction`. `torch.where(condition, a, b)` picks `a` where the condition holds, else `b`.
#
# Careful with shapes: `predictions` and `targets` are both `[N, 1]`. A `[N]` tensor against a
# `[N, 1]` tensor broadcasts silently to `[N, N]`.

# %%
def mnist_loss(predictions, targets):
    """The mean distance between the sigmoid of each prediction and its target.

    Args:
        predictions: raw model outputs, float32 ``[N, 1]``.
        targets: float32 ``[N, 1]``, 1 for a 3 and 0 for a 7.
    Returns:
        a scalar (0-dimensional) float32 tensor.
    """
    raise NotImplementedError("e03_mnist_loss: write mnist_loss here (stuck? .venv/bin/mnist-grade hint e03_mnist_loss in a terminal, hint('e03_mnist_loss') in the notebook)")


# %% [markdown]
# ## `batch_accuracy`
# The metric people read: the fraction of images classified right. The model says "3" when the
# sigmoid of its output is above 0.5, which is `predict_3`'s raw output above 0.0 (the book
# writes it with the sigmoid, as below).

# %%
def batch_accuracy(xb, yb):
    """The fraction of right answers in a batch.

    Args:
        xb: raw model outputs, float32 ``[N, 1]`` (not yet through a sigmoid).
        yb: targets, float32 ``[N, 1]``, 1 for a 3 and 0 for a 7.
    Returns:
        a scalar float32 tensor in [0, 1].
    """
    raise NotImplementedError("e03_mnist_loss: write batch_accuracy here (stuck? .venv/bin/mnist-grade hint e03_mnist_loss in a terminal, hint('e03_mnist_loss') in the notebook)")


# %% [markdown]
# ## Check your work
#
# Run the cell below: it grades the functions defined in this notebook with the
# same checks as `pytest exercises`. Stuck? `hint("e03_mnist_loss")` gives a nudge,
# `hint("e03_mnist_loss", 2)` says more.

# %%
if __name__ == "__main__":  # in the notebook; nothing when the grader loads this file
    from autograder.frontends.notebook import check, hint

    check("e03_mnist_loss", globals())
