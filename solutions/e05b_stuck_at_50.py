# %% [markdown]
# # Exercise 5b: stuck at 50%, a debugging lab
#
# Book sections: "The MNIST Loss Function" (targets of shape `[N, 1]`), "SGD and Mini-Batches"
# (shuffled batches) and "Adding a Nonlinearity" (`simple_net`, its initial scale).
#
# A learner typed the chapter's `simple_net` and trained it by hand on the 3s and 7s. The code
# runs without an error, the loss goes down a little, and the validation accuracy sits at 0.50,
# epoch after epoch: the network is no better than a coin. The set-up is below, as they wrote it
# (`stuck_xy`, `stuck_dl`, `stuck_init`), with the training loop `train` that runs it. Run it in
# the notebook, find the three causes and fix each in its own function: `make_xy`, `make_dl` and
# `init_net`. Each of the three causes is a mistake learners really make; each is in the book's
# code, or one step away from it.
#
# Shapes: `N` training images; `x` float32 `[N, 784]`; the network's outputs `[N, 1]`; the targets
# must be `[N, 1]` too (1 for a 3, 0 for a 7).
#
# Things to try, in the notebook, once the cells below have run:
#
# ```python
# history = train(stuck_xy, stuck_dl, stuck_init, threes, sevens, valid_x, valid_y)
# history           # [0.49, 0.50, 0.50, 0.50, 0.50]
# ```
#
# then swap one stuck function for your fixed one at a time, and look at what changes, and what
# does not. Clues: the shape of `mnist_loss`'s `torch.where(...)` for one batch; the labels in each
# batch of `stuck_dl`; `(simple_net(x[:1000], *params).abs() > 5).float().mean()` at the start.
# The causes hide one another: with the batches in order, every batch holds only 3s or only 7s,
# and then a wrong target shape does no harm; shuffle the batches and it does.
#
# The checks run your three functions in the grader's copy of `train` (5 epochs, lr 0.1, batches
# of 256, seed 42) and show your accuracy curve beside the reference's when it falls short.
#
# **Differences from the book**: the book draws `simple_net`'s weights with standard deviation 1.0
# and does not shuffle its batches. With 28*28 inputs, standard deviation 1.0 makes the first
# layer's outputs tens of units large, so most outputs start deep in the sigmoid's flat tails,
# where its gradient is almost zero: on MNIST_SAMPLE, one of four seeds stays at 0.50 for 40
# epochs with 99.5% of the outputs saturated, while at 0.1 all four reach 0.977 to 0.984. The
# other exercises' checks quietly use shuffled batches and 0.1; this lab shows why.

# %%
import torch
from torch.utils.data import DataLoader

from mnist_ref.linear import batch_accuracy, init_params, mnist_loss

# %% [markdown]
# ## The set-up as the learner wrote it (do not change these)

# %%
def stuck_xy(threes, sevens):
    """The images as rows, and the targets: 1 for a 3, 0 for a 7."""
    x = torch.cat([threes, sevens]).view(-1, 28 * 28)
    y = torch.tensor([1.0] * len(threes) + [0.0] * len(sevens))
    return x, y


def stuck_dl(x, y, bs=256):
    """Mini-batches of ``bs`` pairs, as the book makes them."""
    return DataLoader(list(zip(x, y)), batch_size=bs)


def stuck_init():
    """``simple_net``'s parameters, as the book draws them."""
    return (init_params((28 * 28, 30), 1.0), init_params(30, 1.0),
            init_params((30, 1), 1.0), init_params(1, 1.0))


def simple_net(xb, w1, b1, w2, b2):
    """The chapter's network: ``[N, 784]`` -> ``[N, 30]`` -> ReLU -> ``[N, 1]`` raw outputs."""
    res = xb @ w1 + b1
    res = res.max(torch.tensor(0.0))
    return res @ w2 + b2


def train(make_xy, make_dl, init_net, threes, sevens, valid_x, valid_y, epochs=5, lr=0.1,
          seed=2):
    """Train ``simple_net`` by hand with the three given functions; the validation accuracy
    (``batch_accuracy``, on ``valid_x`` ``[M, 784]`` and ``valid_y`` ``[M, 1]``) after each epoch.
    """
    torch.manual_seed(seed)
    x, y = make_xy(threes, sevens)
    dl = make_dl(x, y, 256)
    params = init_net()
    history = []
    for _ in range(epochs):
        for xb, yb in dl:
            loss = mnist_loss(simple_net(xb, *params), yb)
            loss.backward()
            with torch.no_grad():
                for p in params:
                    p -= p.grad * lr
                    p.grad.zero_()
        with torch.no_grad():
            history.append(batch_accuracy(simple_net(valid_x, *params), valid_y).item())
    return history


# %% [markdown]
# ## Fix 1: `make_xy`
# The same images and labels as `stuck_xy`, but targets that line up with the network's outputs.
# What shape does `torch.where(targets == 1, 1 - preds, preds)` have when `preds` is `[N, 1]`
# and `targets` is `[N]`? And what does its mean then push each prediction towards?

# %%
def make_xy(threes, sevens):
    """The training set.

    Args:
        threes: float32 ``[N3, 28, 28]``; sevens: float32 ``[N7, 28, 28]``.
    Returns:
        ``(x, y)``: x float32 ``[N, 784]`` (the 3s first), y ``[N, 1]``: 1 for a 3, 0 for a 7.
    """
    ### BEGIN SOLUTION
    x = torch.cat([threes, sevens]).view(-1, 28 * 28)
    y = torch.tensor([1.0] * len(threes) + [0.0] * len(sevens)).unsqueeze(1)
    return x, y
    ### END SOLUTION


# %% [markdown]
# ## Fix 2: `make_dl`
# Print the labels of `stuck_dl`'s first batches. A step computed on a batch of 3s only pushes
# every output up; on 7s only, down. Make the batches a fresh random mix every epoch.

# %%
def make_dl(x, y, bs=256):
    """Mini-batches of ``bs`` pairs ``(xb [bs, 784], yb [bs, 1])`` (the last one smaller), every
    pair once per epoch, in a new random order every epoch (from torch's random generator).

    Args:
        x: float32 ``[N, 784]``; y: ``[N, 1]``; bs: pairs per batch.
    Returns:
        an iterable of ``(xb, yb)`` that can be iterated over again, once per epoch.
    """
    ### BEGIN SOLUTION
    return DataLoader(list(zip(x, y)), batch_size=bs, shuffle=True)
    ### END SOLUTION


# %% [markdown]
# ## Fix 3: `init_net`
# Measure the fraction of `simple_net`'s outputs with `|output| > 5` at the start, with
# `stuck_init`'s parameters: there `sigmoid` is flat (`sigmoid(5) = 0.993`), and its gradient is
# below 0.007. Draw the parameters on a smaller scale.

# %%
def init_net():
    """``simple_net``'s parameters ``(w1 [784, 30], b1 [30], w2 [30, 1], b2 [1])``, float32 leaves
    that track gradients, drawn so that the network's first outputs are not saturated."""
    ### BEGIN SOLUTION
    return (init_params((28 * 28, 30), 0.1), init_params(30, 0.1),
            init_params((30, 1), 0.1), init_params(1, 0.1))
    ### END SOLUTION


# %% [markdown]
# ## Try the fixed set-up
#
# ```python
# history = train(make_xy, make_dl, init_net, threes, sevens, valid_x, valid_y)
# history           # [0.96, 0.96, 0.97, 0.97, 0.97]
# ```
#
# `threes` and `sevens` are the stacked training images of exercise 1 (`[N3, 28, 28]` and
# `[N7, 28, 28]`, floats in [0, 1]); `valid_x` `[M, 784]` and `valid_y` `[M, 1]` its validation set.
