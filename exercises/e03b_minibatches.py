# %% [markdown]
# *GENERATED from solutions/e03b_minibatches.py by `mnist-grade build` (stub module and notebook). Maintainers: edit that file, then rebuild; never edit this one. Students: replace each `raise NotImplementedError` with your code.*

# %% [markdown]
# # Exercise 3b: mini-batches, shuffling and shapes
#
# Book sections: "SGD and Mini-Batches" and "Putting It All Together".
#
# Shapes used below: `N` training images (the chapter's dataset: 6131 threes then 6265
# sevens, 12396 in all), `M` validation images (1010 threes then 1028 sevens); `x` is float32
# `[N, 784]` (28*28 pixels), `y` float32 `[N, 1]`, 1 for a 3 and 0 for a 7; `bs` is the batch
# size (the book's 256).
#
# SGD steps after every mini-batch, not after the whole dataset. You count the batches of an
# epoch, build the book's two loaders with PyTorch's `DataLoader` (the book's fastai
# `DataLoader` behaves the same here), shuffle the training batches, and predict the shape of
# every tensor on the way from the images to a prediction. Run `pytest exercises` (or the last
# cell of the notebook) to grade your work.

# %%
import torch  # noqa: F401 - for your code
from torch.utils.data import DataLoader  # noqa: F401 - for make_dls

# %% [markdown]
# ## `batch_counts`
# An epoch over `n_items` items in batches of `batch_size` has that many full batches and, when
# something is left, one smaller last batch (a `DataLoader` keeps it: `drop_last=False` is the
# default). For the chapter's 12396 training images and batches of 256: how many batches, and
# how big is the last one? And for the 2038 validation images? Careful with a count that
# divides exactly: 512 items in batches of 256 are 2 batches, the last one full.

# %%
def batch_counts(n_items, batch_size):
    """How an epoch splits into batches.

    Args:
        n_items: the number of items (an int >= 1). batch_size: items per batch (an int >= 1).
    Returns:
        ``(n_batches, last_size)``: two ints, the number of batches and the size of the last.
    """
    raise NotImplementedError("e03b_minibatches: write batch_counts here (stuck? .venv/bin/mnist-grade hint e03b_minibatches in a terminal, hint('e03b_minibatches') in the notebook)")


# %% [markdown]
# ## `make_dls`
# The book's loaders: a `DataLoader` over the training items `list(zip(train_x, train_y))` (a
# list of `(x, y)` tuples: a *dataset*), and one over the validation items, both with batches of
# `bs`. The book's training batches are not shuffled, and its data is sorted: all the 3s, then
# all the 7s, so every batch but one holds one digit only, and SGD first learns "everything is
# a 3", then "everything is a 7": after one epoch the book's linear model (lr 1.0) is at 0.63 to
# 0.76 accuracy, against 0.79 to 0.92 shuffled (seeds 0, 1 and 42, measured here). Shuffle
# the training batches (`shuffle=True`), reproducibly: give the training loader
# `generator=torch.Generator().manual_seed(seed)`. Leave the validation batches in order (the
# validation accuracy does not depend on the order, and in order it is easy to follow).

# %%
def make_dls(train_x, train_y, valid_x, valid_y, bs=256, seed=42):
    """The training and validation loaders.

    Args:
        train_x: float32 ``[N, 784]``; train_y: float32 ``[N, 1]``; valid_x: ``[M, 784]``;
        valid_y: ``[M, 1]``. bs: items per batch. seed: seeds the shuffling.
    Returns:
        ``(dl, valid_dl)``: ``dl`` yields shuffled ``(xb [bs, 784], yb [bs, 1])`` batches, a new
        order every epoch, the same orders for the same ``seed``; ``valid_dl`` yields the
        validation items in order. Each loader's last batch holds what is left.
    """
    raise NotImplementedError("e03b_minibatches: write make_dls here (stuck? .venv/bin/mnist-grade hint e03b_minibatches in a terminal, hint('e03b_minibatches') in the notebook)")


# %% [markdown]
# ## `pipeline_shapes`
# Predict, without running it, the shape of each tensor the chapter makes on the way from the
# images to a prediction, for `n3` threes, `n7` sevens and batches of `bs`, as a tuple of ints
# (`(n3, 28, 28)`, not a `torch.Size`; a 1-D shape is `(n,)`):
#
# | key | the book's code |
# | --- | --- |
# | `"stacked_threes"` | `torch.stack(three_tensors).float()/255` |
# | `"train_x"` | `torch.cat([stacked_threes, stacked_sevens]).view(-1, 28*28)` |
# | `"labels"` | `tensor([1]*len(threes) + [0]*len(sevens))` |
# | `"train_y"` | `tensor([1]*len(threes) + [0]*len(sevens)).unsqueeze(1)` |
# | `"xb"`, `"yb"` | `xb, yb = first(dl)` (the first batch) |
# | `"preds"` | `xb@weights + bias`, with `weights` `[784, 1]` and `bias` `[1]` |
# | `"corrects"` | `(preds>0.0).float() == yb` |
# | `"flat_vs_column"` | `preds.view(-1) - yb` |
# | `"last_xb"` | the `xb` of the last batch of `dl` |
#
# `view(-1, 28*28)` keeps 784 numbers per row and puts everything else in the `-1` axis;
# `unsqueeze(1)` adds an axis of size 1 at position 1. And `[N]` against `[N, 1]`: broadcasting
# lines the shapes up from the right, so both become `[N, N]`: the mistake that makes a loss
# silently wrong. Write the answer as formulas of `n3`, `n7` and `bs`; you may check it by
# running the book's code on small tensors afterwards.

# %%
def pipeline_shapes(n3, n7, bs):
    """The shape of each tensor of the table above.

    Args:
        n3, n7: how many threes and sevens (ints >= 1). bs: the batch size (at most n3 + n7).
    Returns:
        a dict with the table's ten keys, each mapped to a tuple of ints.
    """
    raise NotImplementedError("e03b_minibatches: write pipeline_shapes here (stuck? .venv/bin/mnist-grade hint e03b_minibatches in a terminal, hint('e03b_minibatches') in the notebook)")


# %% [markdown]
# ## Check your work
#
# Run the cell below: it grades the functions defined in this notebook with the
# same checks as `pytest exercises`. Stuck? `hint("e03b_minibatches")` gives a nudge,
# `hint("e03b_minibatches", 2)` says more.

# %%
if __name__ == "__main__":  # in the notebook; nothing when the grader loads this file
    from autograder.frontends.notebook import check, hint

    check("e03b_minibatches", globals())
