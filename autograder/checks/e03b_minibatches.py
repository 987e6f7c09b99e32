"""Checks of exercise 3b: batch counts, the book's two loaders (shuffled training batches,
ordered validation batches) and the shapes of the chapter's pipeline.

``batch_counts`` is a plain call, ``pipeline_shapes`` runs with the reference's ``batch_counts``
(the probe ``shapes_call``, so one mistake costs one check); both are compared with
:mod:`mnist_ref.batches`,
whose shapes PyTorch computes itself on tensors of those sizes (the oracle is the library, not a table
typed by hand); each is tried on the chapter's counts and on small ones that divide exactly, so an
answer typed for one case fails. ``make_dls`` is iterated in the worker by the probes of
:mod:`autograder.probes.e03b_minibatches`: on the chapter's data (49 training batches of 256, the
last of 108; 8 validation batches, the last of 246 on the complete MNIST_SAMPLE; other counts on
the embedded digits, computed from the data's sizes), and on 300 synthetic items sorted like the
book's (150 "threes" then 150 "sevens", each item's number written in its pixel 0) to see the
order: every item once per epoch, a new order every epoch, the same orders for the same seed,
mixed digits in the first batch, validation in order.
"""

from __future__ import annotations

import torch

from autograder.checks.common import sample_data, sample_data_in
from autograder.core.exercise import Exercise
from autograder.core.feedback import Wrong, describe
from mnist_ref import batches as ref

PIXELS = "First Try: Pixel Similarity"
MINI = "SGD and Mini-Batches"
TOGETHER = "Putting It All Together"

EXERCISE = Exercise(
    stem="e03b_minibatches",
    title="Exercise 3b: mini-batches, shuffling and shapes",
    section=MINI,
    hints=[
        'The book\'s sections "SGD and Mini-Batches" and "Putting It All Together" build '
        "the loaders and print xb.shape, yb.shape. Run the book's code on small tensors (3 "
        "threes, 2 sevens, batches of 2) and print every shape.",
        "batch_counts: round the division up; the last batch is what the full ones leave. "
        "make_dls: DataLoader(list(zip(train_x, train_y)), batch_size=bs, shuffle=True, "
        "generator=torch.Generator().manual_seed(seed)), and one without shuffle for validation.",
        "Shapes: view(-1, 28*28) gives [n3 + n7, 784]; unsqueeze(1) turns [N] into [N, 1]; a "
        "batch is [bs, 784] and [bs, 1]; [N] against [N, 1] broadcasts to [N, N]; the last "
        "batch holds n - (n_batches - 1) * bs items.",
    ],
)
check = EXERCISE.check


# --- batch_counts ------------------------------------------------------------------------------


@check(points=1, description="batch_counts: the number of batches and the size of the last one, "
       "exact divisions included")
def batch_counts_values(sub):
    func = sub.fn("batch_counts")
    cases = [(12396, 256), (2038, 256), (512, 256), (100, 1), (7, 10)]
    for n, bs in cases:
        got = func(n, bs)
        expected = ref.batch_counts(n, bs)
        what = f"batch_counts({n}, {bs})"
        if isinstance(got, list):
            got = tuple(got)
        if (not isinstance(got, tuple) or len(got) != 2
                or not all(isinstance(v, int) and not isinstance(v, bool) for v in got)):
            raise Wrong(f"{what} should return two ints (n_batches, last_size).",
                        got=describe(got), section=MINI,
                        cause="a float: use // (integer division), not /"
                        if isinstance(got, tuple) and any(isinstance(v, float) for v in got)
                        else None)
        if got != expected:
            full, left = divmod(n, bs)
            causes = {}
            if left:
                causes[(full, left)] = ("the division is rounded down: the items left over "
                                        "make one more, smaller batch (a DataLoader keeps it "
                                        "unless drop_last=True)")
            else:
                causes[(full, 0)] = (f"{n} % {bs} is 0 when the batches divide the items "
                                     "exactly: then the last batch is a full one")
                causes[(full + 1, 0)] = ("n // batch_size + 1 counts one batch too many when "
                                         "the batches divide the items exactly")
            raise Wrong(f"{what} returned {got}.", expected=str(expected), got=str(got),
                        cause=causes.get(got), section=MINI,
                        hint="n_batches = (n_items + batch_size - 1) // batch_size")


# --- make_dls ----------------------------------------------------------------------------------


def _loader_problem(batches: list, n: int, bs: int, name: str, what: str) -> None:
    """Fail unless ``batches`` are the batches of an epoch over ``n`` items in batches of
    ``bs``: ``[bs, 784]`` and ``[bs, 1]``, the last one smaller."""
    n_batches, last = ref.batch_counts(n, bs)
    for i, b in enumerate(batches):
        if b.get("x") is None or not isinstance(b.get("x"), list):
            raise Wrong(f"{what}: batch {i} of {name} is not a pair of tensors (xb, yb).",
                        got=f"{b['type']} of {b.get('x')}, {b.get('y')}", section=TOGETHER,
                        cause="a DataLoader over list(zip(x, y)) yields [xb, yb]; did the "
                        "dataset hold something else than (x, y) pairs?")
    sizes = [b["x"][0] for b in batches]
    if len(batches) != n_batches or sizes[-1:] != [last]:
        cause = None
        if len(batches) == n:
            cause = "batch_size is not passed to the DataLoader: its default is 1 item per batch"
        elif len(batches) == n // bs:
            cause = "drop_last=True drops the smaller last batch: keep it (the default)"
        elif bs != 256 and len(batches) == ref.batch_counts(n, 256)[0]:
            cause = "bs is ignored: the batches have 256 items whatever bs is"
        raise Wrong(f"{what}: {name} gave {len(batches)} batches, the last of "
                    f"{sizes[-1] if sizes else 0} items.",
                    expected=f"{n_batches} batches of {bs}, the last of {last}",
                    got=f"{len(batches)} batches of sizes {sizes[:3]}...{sizes[-2:]}",
                    cause=cause, section=TOGETHER)
    first, size = batches[0], min(bs, n)
    if first["x"] != [size, 784] or first["y"] != [size, 1]:
        raise Wrong(f"{what}: the first batch of {name} is xb {first['x']}, yb {first['y']}.",
                    expected=f"xb [{size}, 784], yb [{size}, 1]", section=TOGETHER,
                    cause="the targets lost their axis of size 1: keep train_y [N, 1] (the book's "
                    "unsqueeze(1)), or [N] targets meet [N, 1] predictions and broadcast to "
                    "[N, N]" if first["y"] == [size] else None)


@check(points=2, description="make_dls over the chapter's data: batches of bs, the last one "
       "smaller, for training and validation")
def dls_batches(sub):
    sub.fn("make_dls")
    data = sample_data()
    n, m = len(data.train_x), len(data.valid_x)
    bs = 256  # the book's; dls_shuffling varies bs
    what = (f"make_dls(train_x [{n}, 784], train_y, valid_x [{m}, 784], valid_y, bs={bs}) on "
            f"{data.variant}")
    found = sub.probe("loaders_real", sample_data_in(sub), bs, 42)
    if found["train"] is None:
        raise Wrong(f"{what} should return two loaders (dl, valid_dl).", got=found["returned"],
                    section=TOGETHER, hint="return dl, valid_dl")
    _loader_problem(found["train"][0], n, bs, "the training loader", what)
    _loader_problem(found["valid"], m, bs, "the validation loader", what)


def _sorted_items(n: int) -> tuple[torch.Tensor, torch.Tensor]:
    """``n`` items sorted like the book's: the first half "threes" (1.), then "sevens" (0.);
    item ``i`` has ``i`` in its pixel 0. x ``[n, 784]``, y ``[n, 1]``."""
    x = torch.zeros(n, 784)
    x[:, 0] = torch.arange(n, dtype=torch.float32)
    y = (torch.arange(n) < n // 2).float().unsqueeze(1)
    return x, y


@check(points=2, description="make_dls shuffles the training batches (every item once, a new "
       "order each epoch, reproducible from seed) and keeps validation in order")
def dls_shuffling(sub):
    sub.fn("make_dls")
    n, m, bs = 300, 100, 32
    train_x, train_y = _sorted_items(n)
    valid_x, valid_y = _sorted_items(m)
    what = f"make_dls(300 items sorted like the book's: 150 threes then 150 sevens, bs={bs})"
    runs = {seed: sub.probe("loaders_call", train_x, train_y, valid_x, valid_y, bs, seed, 2,
                            True) for seed in (42, 7)}
    found = runs[42]
    if found["train"] is None:
        raise Wrong(f"{what} should return two loaders (dl, valid_dl).", got=found["returned"],
                    section=TOGETHER)
    orders = []
    for epoch in found["train"]:
        _loader_problem(epoch, n, bs, "the training loader", what)
        order = [i for b in epoch for i in b["ids"]]
        if sorted(order) != list(range(n)):
            raise Wrong(f"{what}: an epoch of the training loader does not hold every item "
                        "exactly once.", section=MINI,
                        cause="shuffle the items' order (shuffle=True), do not draw items at "
                        "random (that repeats some and skips others)")
        orders.append(order)
    if orders[0] == list(range(n)):
        raise Wrong(f"{what}: the training batches come in the data's order: all the threes, "
                    "then all the sevens.", section=MINI,
                    cause="the training loader is not shuffled (shuffle=True is missing): a "
                    "batch then holds one digit, and SGD learns \"everything is a 3\", then "
                    "\"everything is a 7\" (one epoch of the linear model: 0.63 to 0.76 "
                    "accuracy unshuffled, 0.79 to 0.92 shuffled)",
                    hint="DataLoader(..., shuffle=True, generator=...)")
    if orders[0] == orders[1]:
        raise Wrong(f"{what}: the training loader gives the same order in every epoch.",
                    section=MINI, cause="the order was shuffled once, before the loader was "
                    "made: let the DataLoader shuffle (shuffle=True), so every epoch is new")
    again = [i for b in runs[42]["train"][0] for i in b["ids"]]
    other = [i for b in runs[7]["train"][0] for i in b["ids"]] if runs[7]["train"] else None
    first_again = [i for b in sub.probe("loaders_call", train_x, train_y, valid_x, valid_y, bs,
                                        42, 1, True)["train"][0] for i in b["ids"]]
    if first_again != again:
        raise Wrong(f"{what}: two loaders made with the same seed shuffle differently.",
                    section=MINI, cause="the seed is not used: give the training loader "
                    "generator=torch.Generator().manual_seed(seed)")
    if other == again:
        raise Wrong(f"{what}: seeds 42 and 7 shuffle the same way.", section=MINI,
                    cause="the seed is ignored (a fixed seed is used): seed the generator with "
                    "the seed argument")
    targets = found["train"][0][0]["targets"]
    if len(set(targets)) < 2:
        raise Wrong(f"{what}: the first training batch holds one digit only.", section=MINI,
                    cause="the batches are not shuffled across the whole dataset")
    valid_order = [i for b in found["valid"] for i in b["ids"]]
    _loader_problem(found["valid"], m, bs, "the validation loader", what)
    if valid_order != list(range(m)):
        raise Wrong(f"{what}: the validation loader shuffles its items.", section=TOGETHER,
                    cause="only the training batches are shuffled (the book's valid_dl is "
                    "DataLoader(valid_dset, batch_size=256)); leave the validation items in "
                    "order")


# --- pipeline_shapes ---------------------------------------------------------------------------


def _shape_causes(key: str, n3: int, n7: int, bs: int) -> dict[tuple, str]:
    """Known wrong shapes for ``key`` and why each is wrong."""
    n = n3 + n7
    last = ref.batch_counts(n, bs)[1]
    return {
        "stacked_threes": {(n3, 784): "torch.stack keeps each image [28, 28]: [n3, 28, 28]; the "
                           "flattening comes later, with view",
                           (28, 28): "stacking n3 images of [28, 28] adds an axis in front"},
        "train_x": {(n, 28, 28): "view(-1, 28*28) turns each image into one row of 784 numbers",
                    (784, n): "the -1 is the first axis: view(-1, 28*28) is [N, 784], one row "
                    "per image", (n3, 784): "torch.cat joins the threes AND the sevens: "
                    "n3 + n7 rows"},
        "labels": {(n, 1): "that is after unsqueeze(1); tensor([...]) of a flat list is 1-D: (n,)",
                   (1, n): "a flat list gives a 1-D tensor, (n,)"},
        "train_y": {(n,): "unsqueeze(1) adds an axis of size 1 at position 1: [N] becomes "
                    "[N, 1]", (1, n): "that is unsqueeze(0); unsqueeze(1) gives [N, 1]"},
        "xb": {(n, 784): "a batch holds bs items, not the whole dataset",
               (bs, 28, 28): "the loader's items are rows of train_x, already flattened"},
        "yb": {(bs,): "the targets keep their axis of size 1 in each batch: [bs, 1]"},
        "preds": {(bs,): "[bs, 784] @ [784, 1] keeps the 1: [bs, 1]",
                  (bs, 784): "the matrix product contracts the 784: [bs, 784] @ [784, 1] is "
                  "[bs, 1]"},
        "corrects": {(bs,): "comparing [bs, 1] with [bs, 1] keeps [bs, 1]",
                     (bs, bs): "preds and yb are both [bs, 1]: no broadcasting happens here"},
        "flat_vs_column": {(bs,): "broadcasting lines the shapes up from the right: [bs] against "
                           "[bs, 1] becomes [bs, bs], a table of every pair, not [bs]",
                           (bs, 1): "broadcasting lines the shapes up from the right: [bs] "
                           "against [bs, 1] becomes [bs, bs]"},
        "last_xb": {(bs, 784): f"the last batch holds what is left: {n} - ({n} // {bs}) * {bs}, "
                    "unless that is 0",
                    (n % bs, 784): "when bs divides the count exactly, the last batch is a full "
                    "one, not empty", (last, 28, 28): "the items are rows of 784"},
    }[key]


@check(points=2, description="pipeline_shapes predicts the shape of each tensor of the "
       "chapter's pipeline, broadcasting [N] against [N, 1] included")
def pipeline_shapes_values(sub):
    sub.fn("pipeline_shapes")  # a missing function is named before the probe runs
    for n3, n7, bs in ((6131, 6265, 256), (5, 7, 4), (3, 2, 4)):
        got = sub.probe("shapes_call", n3, n7, bs)
        expected = ref.pipeline_shapes(n3, n7, bs)
        what = f"pipeline_shapes({n3}, {n7}, {bs})"
        if not isinstance(got, dict):
            raise Wrong(f"{what} should return a dict of the table's keys.", got=describe(got),
                        section=TOGETHER)
        missing = [k for k in expected if k not in got]
        if missing:
            raise Wrong(f"{what} has no answer for {', '.join(missing)}.", section=TOGETHER,
                        expected=f"the keys {', '.join(expected)}")
        for key, shape in expected.items():
            answer = got[key]
            if isinstance(answer, torch.Size):
                answer = tuple(answer)
            if isinstance(answer, list):
                answer = tuple(answer)
            if isinstance(answer, int) and not isinstance(answer, bool):
                answer = (answer,)
            if answer != shape:
                raise Wrong(f"{what}[{key!r}], the shape of {ref.PIPELINE[key]}, is not "
                            f"{answer!r}.", expected=str(shape), got=repr(got[key]),
                            cause=_shape_causes(key, n3, n7, bs).get(answer),
                            section=PIXELS if key == "stacked_threes" else TOGETHER,
                            hint="run the book's code on small tensors and print .shape")
