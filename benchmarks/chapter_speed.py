"""The chapter the book's way versus the reference's fast path, side by side in one process.

    python benchmarks/chapter_speed.py [--data PATH]

Stage by stage, on the same data (found like ``mnist-ref run`` finds it):

- load: a PIL ``Image.open`` per file and ``torch.stack`` (book) vs the cached tensors (reference);
- pixel similarity: the same arithmetic on both sides;
- linear, 20 epochs: ``DataLoader(list(zip(x, y)))`` and per-parameter loops (book) vs
  ``TensorLoader`` (reference);
- simple_net, 40 epochs: fastai's ``Learner`` with ``SGD``, import of fastai included (book) vs the
  from-scratch ``Learner`` (reference);
- ten digits: 784-30-10 net, 40 epochs, batch 64: ``DataLoader(list(zip))`` and fastai's
  ``Learner`` (the chapter's way, applied to ten digits) vs the reference's stage;
- import fastai: the notebook's first line, ``from fastai.vision.all import *`` (the reference's
  fast path never imports fastai).

The reference side runs the stages of :mod:`mnist_ref.stages` themselves, first, so that its
timings cannot benefit from fastai being imported. Each
line prints both times, their ratio and both accuracies; the last line is ``overall speedup: X.Xx``
(the sum of the book's times over the sum of the reference's).
"""

from __future__ import annotations

import argparse
import sys
import time

import torch

from mnist_ref import linear, multiclass, similarity
from mnist_ref.learner import Learner
from mnist_ref.loaders import DataLoaders
from mnist_ref.runtime import seed_everything
from mnist_ref.simple_net import make_simple_net
from mnist_ref.stages import (
    Context,
    linear_sgd,
    pixel_similarity_l1,
    simple_net_learner,
    ten_digits,
    ten_net_30,
    threes_sevens,
)


def timed(fn):
    start = time.perf_counter()
    value = fn()
    return value, time.perf_counter() - start


# --- the book's way ----------------------------------------------------------------------------


def book_load(root, splits, classes):
    """``tensor(Image.open(o))`` for every file, stacked, ``.float()/255``: as in the chapter."""
    import numpy as np
    from PIL import Image

    out = {}
    for split in splits:
        xs, ys = [], []
        for c in classes:
            files = sorted((root / split / str(c)).iterdir())
            xs += [torch.tensor(np.array(Image.open(o))) for o in files]
            ys += [c] * len(files)
        out[split] = (torch.stack(xs).float() / 255, torch.tensor(ys))
    return out


def book_pixel_similarity(loaded):
    """Mean 3 and mean 7 from the training images, L1 distance, average accuracy."""
    (train_x, train_y), (valid_x, valid_y) = loaded["train"], loaded["valid"]
    mean3, mean7 = train_x[train_y == 3].mean(0), train_x[train_y == 7].mean(0)
    return similarity.pixel_similarity_accuracy(
        valid_x[valid_y == 3], valid_x[valid_y == 7], mean3, mean7
    )[2]


def book_linear(train_x, train_y, valid_x, valid_y, seed, epochs=20, lr=1.0):
    from torch.utils.data import DataLoader

    seed_everything(seed)
    weights, bias = linear.init_params((28 * 28, 1)), linear.init_params(1)
    dl = DataLoader(list(zip(train_x, train_y)), batch_size=256, shuffle=True)
    valid_dl = DataLoader(list(zip(valid_x, valid_y)), batch_size=256)

    def model(xb):
        return linear.linear1(xb, weights, bias)

    for _ in range(epochs):
        linear.train_epoch(model, lr, (weights, bias), dl)
    return linear.validate_epoch(model, valid_dl)


def book_simple_net(train_x, train_y, valid_x, valid_y, seed):
    from mnist_ref.book_fastai import fit_fastai_learner  # imports fastai: timed on purpose

    seed_everything(seed)
    return fit_fastai_learner(
        make_simple_net(),
        (train_x, train_y),
        (valid_x, valid_y),
        linear.mnist_loss,
        linear.batch_accuracy,
        40,
        0.1,
        torch.device("cpu"),
    )[-1]


def book_ten(train_x, train_y, valid_x, valid_y, seed):
    from torch.utils.data import DataLoader

    seed_everything(seed)
    dls = DataLoaders(
        DataLoader(list(zip(train_x, train_y)), batch_size=64, shuffle=True),
        DataLoader(list(zip(valid_x, valid_y)), batch_size=1024),
    )
    learn = Learner(
        dls,
        make_simple_net(n_hidden=30, n_out=10),
        loss_func=multiclass.cross_entropy,
        metric=multiclass.multiclass_accuracy,
    )
    return learn.fit(40, 0.1)[-1].metric


def main() -> int:
    parser = argparse.ArgumentParser(description="book's way vs reference, side by side")
    parser.add_argument("--data", default=None)
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()
    ctx = Context(data_dir=args.data, device=torch.device("cpu"), seed=args.seed, progress=False)

    # reference first: cached tensors (the cache is filled before timing starts)
    ctx.dataset("mnist_sample"), ctx.dataset("mnist")
    ctx._datasets.clear()
    ctx.announce = lambda line: None
    rows = []
    (sample, ten), t_load = timed(lambda: (ctx.dataset("mnist_sample"), ctx.dataset("mnist")))
    ref = {"load": (t_load, None)}
    s37, ten_t = threes_sevens(sample, ctx.device), ten_digits(ten, ctx.device)  # for the book
    ref["import fastai"] = (0.0, None)  # the reference's fast path never imports it
    ref["pixel similarity"] = timed(lambda: pixel_similarity_l1(ctx).accuracy)[::-1]
    ref["linear, 20 epochs"] = timed(lambda: linear_sgd(ctx).accuracy)[::-1]
    ref["simple_net, 40 epochs"] = timed(lambda: simple_net_learner(ctx).accuracy)[::-1]
    ref["ten digits, 40 epochs"] = timed(lambda: ten_net_30(ctx).accuracy)[::-1]
    assert "fastai" not in sys.modules, "the reference's fast path must not import fastai"

    book = {}
    (loaded, loaded_ten), t = timed(
        lambda: (
            book_load(sample.path, ("train", "valid"), (3, 7)),
            book_load(ten.path, ("training", "testing"), range(10)),
        )
    )
    book["load"] = (t, None)
    book["import fastai"] = (timed(lambda: __import__("fastai.vision.all"))[1], None)
    book["pixel similarity"] = timed(lambda: book_pixel_similarity(loaded))[::-1]
    book["linear, 20 epochs"] = timed(lambda: book_linear(*s37, args.seed))[::-1]
    book["simple_net, 40 epochs"] = timed(
        lambda: book_simple_net(*(t.cpu() for t in s37), args.seed)
    )[::-1]
    book["ten digits, 40 epochs"] = timed(lambda: book_ten(*ten_t, args.seed))[::-1]

    print(f"data: {sample.summary()}\n      {ten.summary()}\n")
    print(f"{'stage':24} {'book s':>8} {'ref s':>8} {'ratio':>7}   {'book acc':>8} {'ref acc':>8}")
    for stage in ref:
        (tb, ab), (tr, ar) = book[stage], ref[stage]
        rows.append((tb, tr))
        acc = "" if ab is None else f"{ab:8.4f} {ar:8.4f}"
        ratio = f"{tb / tr:6.1f}x" if tr > 0 else "      -"
        print(f"{stage:24} {tb:8.2f} {tr:8.2f} {ratio}   {acc}")
    total_b, total_r = sum(r[0] for r in rows), sum(r[1] for r in rows)
    print(f"{'total':24} {total_b:8.2f} {total_r:8.2f}")
    print(f"overall speedup: {total_b / total_r:.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
