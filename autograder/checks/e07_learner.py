"""Checks of exercise 7: a ``Learner`` written from scratch (``__init__`` and ``fit``).

The student's ``Learner`` runs in the isolated worker, driven by the probes of
:mod:`autograder.probes.e07_learner` with parts the grader chose; the probes only report what
happened (what fit returned, the passes over each loader, every ``opt_func`` call, and at every
``step()`` the batch, the parameters and their ``.grad``), and every verdict is computed here.

Every argument is varied by a check that fails when it is ignored: ``learner_stores`` gives a
recording ``opt_func``, ``F.binary_cross_entropy_with_logits`` and an error rate (none of them the
defaults); ``fit_returns_valid_metric`` measures with the error rate and runs 4 epochs;
``fit_steps_optimizer`` trains with the cross-entropy at ``lr=0.05`` for 2 epochs.

The first four checks run on tiny synthetic batches (unshuffled batches of 8: 24 training and 16
validation inputs ``[N, 784]``, 0/1 targets ``[N, 1]``) and ``nn.Linear(784, 1)`` models with
seeded weights: an optimizer that changes nothing (so the metric is known exactly: the model is
right on every training input and on 10 of the 16 validation inputs), a recording one whose
gradients the grader compares, step by step, with the gradient of that batch's loss alone at the
recorded parameters (``rtol=1e-4, atol=1e-6``), and ``torch.optim.SGD``. Validation means may be
plain or weighted by batch size: the synthetic batches are the same size.

The training check (``learner_trains``) runs on :func:`sample_data` (MNIST_SAMPLE, 3s and 7s, in
the data variant found; sent to the worker once), seed 42, on :func:`device`: ``Learner(dls,
make_simple_net(), BasicOptim, mnist_loss, batch_accuracy).fit(3, 0.1)`` with batches of 256,
from initial weights the grader drew. The grader trains ``mnist_ref.learner.Learner`` the same
way from the same weights (once per process), measures both trained networks on the whole
validation set with the reference ``batch_accuracy`` (the student's from the parameters that came
back), and requires the reference's accuracy minus 0.01. (Never zeroing the gradients is caught by
``fit_steps_optimizer``, not here: with 3 epochs at lr 0.1 the accumulated gradients still reach
about the reference's accuracy on MNIST_SAMPLE.)
"""

from __future__ import annotations

import weakref
from functools import lru_cache
from numbers import Real

import torch
import torch.nn.functional as F
from torch import nn

from autograder.checks.common import (
    SEED,
    context,
    device,
    expect_history,
    randn,
    sample_data,
    sample_loaders,
    seeded_linear,
)
from autograder.core.exercise import Exercise
from autograder.core.feedback import Mistake, Wrong, expect_number
from autograder.render.curves import with_curve
from mnist_ref import learner as ref
from mnist_ref.linear import BasicOptim, batch_accuracy, mnist_loss
from mnist_ref.runtime import seed_everything
from mnist_ref.simple_net import make_simple_net

TOGETHER = "Putting It All Together"
OPTIMIZER = "Creating an Optimizer"
EPOCHS, LR, BATCH, MARGIN = 3, 0.1, 256, 0.01
HISTORY_TOL = 0.05  # fit's last metric against the grader's measure of the trained network
ATTRIBUTES = ("dls", "model", "opt_func", "loss_func", "metric")
GIVEN = ("a recording opt_func", "F.binary_cross_entropy_with_logits", "an error-rate metric")

EXERCISE = Exercise(
    stem="e07_learner",
    title="Exercise 7: a Learner from scratch",
    section=TOGETHER,
    hints=[
        "Learner only stores its five arguments; fit is the chapter's train_epoch and "
        "validate_epoch, with the optimizer made by opt_func.",
        "fit: opt = self.opt_func(self.model.parameters(), lr) once, then for each epoch: for "
        "xb, yb in self.dls.train: loss = self.loss_func(self.model(xb), yb); loss.backward(); "
        "opt.step(); opt.zero_grad(). Then validate.",
        "validate: with torch.no_grad(): the mean of self.metric(self.model(xb), yb) over "
        "self.dls.valid, as a float (.item()); append it to a list after each epoch and return "
        "the list.",
    ],
)
check = EXERCISE.check


# --- the grader's copies of the parts the probes use --------------------------------------------

def _error_rate(preds: torch.Tensor, yb: torch.Tensor) -> torch.Tensor:
    """The fraction wrong: ``preds`` ``[N, 1]`` raw outputs, ``yb`` ``[N, 1]`` 0/1."""
    return ((preds > 0).float() != yb).float().mean()


LOSSES = {"mnist_loss": mnist_loss, "bce": F.binary_cross_entropy_with_logits}


def _synthetic(seed: int, flip_train: bool = False) -> tuple[dict, nn.Module]:
    """Batches of 8 and a seeded ``nn.Linear(784, 1)`` that is right on every training input and
    on 10 of the 16 validation inputs (all 8 of the first batch, 2 of the second); with
    ``flip_train`` every third training target is flipped, so every batch has a gradient.

    Returns ``({"train_x": [24, 784], "train_y": [24, 1], "valid_x": [16, 784], "valid_y":
    [16, 1], "batch": 8}, net)``.
    """
    net = seeded_linear(784, 1, seed=seed)
    with torch.no_grad():
        train_x, valid_x = randn(24, 784, seed=seed + 1), randn(16, 784, seed=seed + 2)
        train_y = (net(train_x) > 0).float()
        if flip_train:
            train_y[::3] = 1 - train_y[::3]
        right = (net(valid_x) > 0).float()
        flip = (torch.arange(16, device=device()) >= 10).float().unsqueeze(1)
        valid_y = (right - flip).abs()
    data = {"train_x": train_x, "train_y": train_y, "valid_x": valid_x, "valid_y": valid_y,
            "batch": 8}
    return data, net


def _weights(net: nn.Module) -> tuple[torch.Tensor, torch.Tensor]:
    return net.weight.detach().clone(), net.bias.detach().clone()


# --- Learner.__init__ ------------------------------------------------------------------------------

@check(points=1, description="Learner stores dls, model, opt_func, loss_func and metric as "
       "attributes of those names")
def learner_stores(sub):
    data, net = _synthetic(71)
    found = sub.probe("stores", data, *_weights(net))
    call = f"Learner(dls, model, opt_func, loss_func, metric) (given {', '.join(GIVEN)})"
    for i, name in enumerate(ATTRIBUTES):
        seen = found[name]
        if not seen["present"]:
            raise Wrong(f"{call} has no attribute `{name}`.",
                        cause=f"store each argument under its own name: self.{name} = {name}",
                        section=OPTIMIZER)
        if seen["is"] == i:
            continue
        cause = None
        if seen["is"] is not None:
            cause = (f"it holds the {ATTRIBUTES[seen['is']]} given: the arguments come in this "
                     "order: dls, model, opt_func, loss_func, metric")
        elif seen["default"]:
            cause = (f"it holds the default {seen['default']}, whatever {name} Learner is given: "
                     f"the {name} argument is ignored; store it: self.{name} = {name}")
        raise Wrong(f"{call}: self.{name} is not the {name} given to Learner.",
                    got=seen["text"], cause=cause, section=OPTIMIZER,
                    hint="the arguments come in this order: dls, model, opt_func, loss_func, "
                    "metric")


# --- Learner.fit: what it returns ------------------------------------------------------------------

def _batches(data: dict) -> int:
    return -(-len(data["train_x"]) // data["batch"])


def _epochs_ignored(run: dict, data: dict, n_epoch: int) -> str | None:
    """The cause when fit ran a number of epochs other than ``n_epoch``: one step per batch, and
    as many passes over ``dls.train`` as those steps make epochs."""
    steps, batches = len(run["steps"]), _batches(data)
    epochs = steps // batches if steps and steps % batches == 0 else None
    if epochs is not None and epochs != n_epoch and run["train_passes"] == epochs:
        return (f"fit({n_epoch}, ...) ran {epochs} epochs: it ignores its n_epoch argument (a "
                "number of epochs written into the code?); loop for _ in range(n_epoch)")
    return None


def _opt_func_ignored(run: dict, start) -> str | None:
    """The cause when fit never called ``opt_func`` yet the model's parameters changed."""
    if run["calls"] or all(torch.equal(a, b) for a, b in zip(start, run["after"], strict=True)):
        return None
    return ("fit ignores the opt_func given to Learner: it never called it, yet the model's "
            "parameters changed, so fit makes its own optimizer (BasicOptim or torch.optim.SGD "
            "written into fit); make it with opt = self.opt_func(self.model.parameters(), lr)")


@check(points=2, description="fit returns the mean metric on dls.valid after each epoch")
def fit_returns_valid_metric(sub):
    data, _net = _synthetic(73)
    n_epoch = 4
    call = (f"Learner(dls, model, opt_func, loss_func, metric=error_rate).fit({n_epoch}, 0.1) "
            "(error_rate: the fraction wrong)")
    start = _weights(_net)
    run = sub.probe("fit", data, *start, n_epoch, 0.1, opt="frozen", metric="error_rate")
    if cause := _opt_func_ignored(run, start):
        raise Wrong(f"{call} never called opt_func.", cause=cause, section=OPTIMIZER)
    if cause := _epochs_ignored(run, data, n_epoch):
        raise Wrong(f"{call} made {run['train_passes']} passes over dls.train; expected one per "
                    f"epoch, {n_epoch}.", cause=cause, section=TOGETHER)
    rates = expect_history(run["result"], n_epoch, call, TOGETHER,
                           each="the validation metric after that epoch")
    for i, rate in enumerate(rates):
        expect_number(rate, 0.375, atol=1e-4, what=f"{call}: the metric after epoch {i + 1} (the "
                      "optimizer of this check changes nothing; the model is wrong on 6 of the "
                      "16 validation images)", section=TOGETHER,
                      hint="after each epoch: the mean of self.metric(self.model(xb), yb) over "
                      "the batches of self.dls.valid",
                      mistakes=[
                          Mistake("measured with batch_accuracy, not with the metric given to "
                                  "Learner: fit (or validate) ignores self.metric", 0.625),
                          Mistake("measured on dls.train (or on the training batches), not on "
                                  "dls.valid", 0.0),
                          Mistake("measured with batch_accuracy, and on dls.train: use "
                                  "self.metric on self.dls.valid", 1.0),
                      ])
    if run["train_passes"] != n_epoch:
        raise Wrong(f"{call} made {run['train_passes']} passes over dls.train; expected one per "
                    f"epoch, {n_epoch}.", section=TOGETHER)


# --- Learner.fit: the optimizer, step by step ------------------------------------------------------

def _batch_grads(loss_name: str, params, xb, yb) -> list[torch.Tensor]:
    """The gradient of ``LOSSES[loss_name]`` on one batch, at ``params`` (weight ``[1, 784]``,
    bias ``[1]``)."""
    w, b = (p.detach().clone().requires_grad_() for p in params)
    return list(torch.autograd.grad(LOSSES[loss_name](F.linear(xb, w, b), yb), (w, b)))


def _close(a, b) -> bool:
    return all(x.shape == y.shape and torch.allclose(x, y, rtol=1e-4, atol=1e-6)
               for x, y in zip(a, b, strict=True))


def _step_problem(steps: list[dict], data: dict, loss: str) -> tuple[str, str] | None:
    """What is wrong with the gradients the optimizer found at its steps, and why: ``(what,
    cause)``, or None when every step had the gradient of its own batch's loss alone."""
    n = data["batch"]
    previous = None
    for k, step in enumerate(steps, start=1):
        grads = step["grads"]
        if any(g is None for g in grads):
            return (f"at step {k}, opt.step() found no gradient (p.grad is None)",
                    "opt.zero_grad() is called between loss.backward() and opt.step() (or "
                    "backward() is missing): call loss.backward() before opt.step(), and "
                    "opt.zero_grad() after it")
        if step["batch"] is None:
            return (f"step {k} came before any batch of dls.train was used",
                    "opt.step() is called outside the loop over self.dls.train")
        i = int(step["batch"][1])
        xb, yb = data["train_x"][i * n:(i + 1) * n], data["train_y"][i * n:(i + 1) * n]
        expected = _batch_grads(loss, step["params"], xb, yb)
        if not _close(grads, expected):
            what = f"at step {k}, the gradients are not those of the current batch's loss alone"
            if loss != "mnist_loss" and _close(grads, _batch_grads("mnist_loss", step["params"],
                                                                   xb, yb)):
                return (what + ": they are mnist_loss's, not those of the loss_func given to "
                        "Learner", "fit ignores self.loss_func: compute loss = "
                        "self.loss_func(self.model(xb), yb)")
            if previous is not None and _close(grads, [p + e for p, e in
                                                       zip(previous, expected, strict=True)]):
                return (what + ": they are the previous step's plus this batch's",
                        "the gradients accumulate from batch to batch, because opt.zero_grad() "
                        "is not called after each step")
            return (what, "the gradients accumulate from batch to batch (opt.zero_grad() is not "
                    "called after each step), or the loss is not self.loss_func(self.model(xb), "
                    "yb) on that batch")
        previous = grads
    return None


def _step_count_cause(steps: int, passes: int, batches: int) -> str | None:
    """Why ``opt.step()`` ran ``steps`` times over ``passes`` passes of ``batches`` batches."""
    if steps == passes:
        return ("opt.step() runs once per epoch, after the batch loop: step inside the loop, "
                "once per batch")
    if steps == 2 * passes * batches:
        return "opt.step() runs twice per batch"
    if steps == passes * (batches - 1):
        return "one batch of each epoch is skipped"
    return None


@check(points=2, description="fit makes the optimizer with opt_func(model.parameters(), lr) and "
       "steps it once per batch, on that batch's gradients")
def fit_steps_optimizer(sub):
    data, net = _synthetic(75, flip_train=True)
    start = _weights(net)
    lr, n_epoch = 0.05, 2
    call = (f"Learner(dls, model, opt_func, loss_func=F.binary_cross_entropy_with_logits, "
            f"metric).fit({n_epoch}, {lr})")
    run = sub.probe("fit", data, *start, n_epoch, lr, opt="record", loss="bce")
    calls, steps = run["calls"], run["steps"]
    if not calls:
        raise Wrong(f"{call} never called opt_func.", cause=_opt_func_ignored(run, start) or
                    "make the optimizer with opt = self.opt_func(self.model.parameters(), lr)",
                    section=OPTIMIZER, hint="opt = self.opt_func(self.model.parameters(), lr)")
    lrs = [c["lr"] for c in calls]
    if any(not isinstance(x, Real) or abs(x - lr) > 1e-12 for x in lrs):
        shown = ", ".join(sorted({repr(x) for x in lrs}))
        raise Wrong(f"{call} made its optimizer with lr={shown}, not the lr given to fit ({lr}).",
                    cause="fit ignores its lr argument (a learning rate written into the code, "
                    "or one stored elsewhere)", section=OPTIMIZER,
                    hint="opt = self.opt_func(self.model.parameters(), lr)")
    if any(sorted(c["params"]) != [0, 1] for c in calls):
        raise Wrong(f"{call} gave opt_func other tensors than the model's parameters.",
                    section=OPTIMIZER, hint="pass self.model.parameters()")
    batches = _batches(data)
    expected_steps = n_epoch * batches
    if not steps:
        raise Wrong(f"{call} never called opt.step(), so the model never changes.",
                    cause="opt.step() is missing after loss.backward()", section=OPTIMIZER)
    if len(steps) != expected_steps:
        cause = _epochs_ignored(run, data, n_epoch) or _step_count_cause(
            len(steps), run["train_passes"], batches)
        raise Wrong(f"{call} called opt.step() {len(steps)} times; expected one per training "
                    f"batch: {n_epoch} epochs x {batches} batches = {expected_steps}.",
                    cause=cause, section=OPTIMIZER)
    if problem := _step_problem(steps, data, "bce"):
        raise Wrong(f"{call}: {problem[0]}.", cause=problem[1], section=OPTIMIZER,
                    hint="per batch: loss.backward(); opt.step(); opt.zero_grad()")


@check(points=1, description="fit trains with torch.optim.SGD as opt_func too")
def fit_with_torch_sgd(sub):
    data, net = _synthetic(77, flip_train=True)
    start = _weights(net)
    run = sub.probe("fit", data, *start, 2, 0.5, opt="sgd")
    if all(torch.equal(a, b) for a, b in zip(start, run["after"], strict=True)):
        raise Wrong("Learner(dls, model, torch.optim.SGD, mnist_loss, batch_accuracy).fit(2, 0.5) "
                    "did not change the model's parameters.",
                    cause="opt.step() is never called, or called when the gradients were "
                    "already zeroed (torch.optim.SGD skips parameters whose .grad is None)",
                    section=OPTIMIZER,
                    hint="per batch: loss.backward(); opt.step(); opt.zero_grad(); use only "
                    "step() and zero_grad() of the optimizer, which every optimizer has")


# --- training on MNIST_SAMPLE ----------------------------------------------------------------------

def _accuracy(params: list[torch.Tensor], data) -> float:
    """The validation accuracy of ``make_simple_net()`` holding ``params``, measured here."""
    net = make_simple_net().to(device())
    with torch.no_grad():
        for p, value in zip(net.parameters(), params, strict=True):
            p.copy_(value)
        return batch_accuracy(net(data.valid_x), data.valid_y).item()


@lru_cache(maxsize=1)
def _start() -> tuple[torch.Tensor, ...]:
    """``make_simple_net()``'s parameters after seeding with 42, on the check device."""
    seed_everything(SEED)
    return tuple(p.detach().clone() for p in make_simple_net().to(device()).parameters())


@lru_cache(maxsize=1)
def _reference_accuracy() -> float:
    """The accuracy the reference Learner reaches from :func:`_start` with the check's settings
    (cached: it never changes)."""
    net = make_simple_net().to(device())
    with torch.no_grad():
        for p, s in zip(net.parameters(), _start(), strict=True):
            p.copy_(s)
    seed_everything(SEED)
    _CURVE[:] = ref.Learner(sample_loaders(BATCH), net, BasicOptim, mnist_loss,
                            batch_accuracy).fit(EPOCHS, LR)
    return _accuracy([p.detach() for p in net.parameters()], sample_data())


#: The reference Learner's metric after each epoch, shown beside a failing run's (render.curves).
_CURVE: list[float] = []


_SENT: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _sample_in_worker(sub):
    """MNIST_SAMPLE, sent to ``sub``'s worker once (again after a restart)."""
    kept = _SENT.get(sub)
    if kept is None or kept[0] != sub.generation:
        data = sample_data()
        remote = sub.keep({"train_x": data.train_x, "train_y": data.train_y,
                           "valid_x": data.valid_x, "valid_y": data.valid_y})
        kept = _SENT[sub] = (sub.generation, remote)
    return kept[1]


def _training_cause(steps: int, batches: int) -> str:
    """The likely cause of a poorly trained network, from the number of ``opt.step()`` calls."""
    expected = EPOCHS * batches
    if steps == 0:
        return "opt.step() is never called, so the network never changes"
    if steps != expected:
        return (f"opt.step() was called {steps} times; one per training batch is {EPOCHS} "
                f"epochs x {batches} batches = {expected}"
                + (" (once per epoch: the step is outside the batch loop)" if steps == EPOCHS
                   else ""))
    return ("each batch got one step, so the steps themselves are off: the gradients are not "
            "zeroed after each step, or the loss is not self.loss_func(self.model(xb), yb)")


@check(points=2, description="your Learner trains simple_net on 3s and 7s as well as the "
       "reference Learner", timeout=60)
def learner_trains(sub):
    sub.fn("Learner")
    data = sample_data()
    call = (f"Learner(dls, make_simple_net(), BasicOptim, mnist_loss, batch_accuracy)"
            f".fit({EPOCHS}, {LR})")
    run = sub.probe("train", _sample_in_worker(sub), list(_start()), EPOCHS, LR, BATCH, SEED)
    reference = _reference_accuracy()
    if run["no_grad"]:
        raise Wrong(f"{call}: {run['no_grad']} of {run['steps']} calls of opt.step() found no "
                    "gradient (p.grad is None), so BasicOptim cannot update the parameters.",
                    cause="opt.zero_grad() is called between loss.backward() and opt.step(), "
                    "or backward() is missing", section=OPTIMIZER,
                    hint="per batch: loss.backward(); opt.step(); opt.zero_grad()")
    params = run["params"]
    start = _start()
    if len(params) != len(start) or any(
            not isinstance(p, torch.Tensor) or p.shape != s.shape for p, s in zip(params, start)):
        raise Wrong(f"{call}: the trained network's parameters did not come back with the shapes "
                    "of make_simple_net()'s.", section=TOGETHER)
    yours = _accuracy(params, data)
    if yours < reference - MARGIN:
        wrong = Wrong(f"{call}: the trained network classifies {yours:.4f} of the validation images "
                      f"right (measured by the grader), below the {reference:.4f} that the "
                      f"reference Learner reaches from the same initial weights with identical "
                      f"settings, minus {MARGIN} (batches of {BATCH}; {context(data)}).",
                      cause=_training_cause(run["steps"], -(-len(data.train_x) // BATCH)),
                      section=TOGETHER,
                      hint="the other checks of this exercise test each part of fit alone")
        raise with_curve(wrong, run["result"], _CURVE or None)  # beside the reference's curve
    history = run["result"]
    if isinstance(history, (list, tuple)) and len(history) == EPOCHS and all(
            isinstance(v, Real) and not isinstance(v, bool) for v in history):
        if abs(float(history[-1]) - yours) > HISTORY_TOL:
            raise Wrong(f"{call} returned {float(history[-1]):.4f} as the last epoch's metric, "
                        f"but the network it trained classifies {yours:.4f} of the validation "
                        "images right (measured by the grader).",
                        cause="the value returned is not the metric of the trained model on "
                        "dls.valid", section=TOGETHER)
