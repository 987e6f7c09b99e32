"""Checks of exercise 7: a ``Learner`` written from scratch (``__init__`` and ``fit``).

The first four checks run on tiny synthetic batches (``[N, 784]`` inputs, ``[N, 1]`` 0/1 targets,
``nn.Linear(784, 1)`` models with seeded weights) and instrumented parts: an optimizer that
changes nothing (so the metric fit returns is known exactly), an optimizer that compares, at each
``step()``, every parameter's ``.grad`` with the gradient of the current batch's loss alone
(within ``rtol=1e-4, atol=1e-6``), and ``torch.optim.SGD``. Validation means may be plain or
weighted by batch size: the synthetic batches are the same size, so both give the same number.

The training check (``learner_trains``) runs on :func:`sample_data` (MNIST_SAMPLE, 3s and 7s, in
the data variant found), seed 42, on :func:`device`: ``Learner(dls, make_simple_net(),
BasicOptim, mnist_loss, batch_accuracy).fit(3, 0.1)`` with batches of 256 (the book's
``BasicOptim``, with a clear message if a step finds no gradient). The thresholds of
:mod:`mnist_ref.thresholds` are for 40 epochs, so instead ``mnist_ref.learner.Learner`` trains the
same network (same seed, so the same initial weights and batches) under identical settings, once
per process. The grader measures both trained networks on the whole validation set with the
reference ``batch_accuracy``; the student's must reach the reference's minus 0.01. What ``fit``
returns is checked apart, by ``fit_returns_valid_metric``. (Never zeroing the gradients is
caught by ``fit_steps_optimizer``, not here: with 3 epochs at lr 0.1 the accumulated gradients
still reach about the reference's accuracy on MNIST_SAMPLE.) ``fit_with_torch_sgd`` builds a real
``torch.optim.SGD``, whose first construction in a process imports ``torch._dynamo`` (about
0.6 s, once).
"""

from __future__ import annotations

from functools import lru_cache

import torch
from torch import nn

from autograder.checks.common import (
    SEED,
    RecordingLoader,
    context,
    device,
    expect_history,
    randn,
    sample_data,
    sample_loaders,
    seeded_linear,
)
from autograder.core.exercise import Exercise
from autograder.core.feedback import Mistake, Wrong, describe, expect_number
from mnist_ref import learner as ref
from mnist_ref.linear import BasicOptim, batch_accuracy, mnist_loss
from mnist_ref.loaders import DataLoaders, TensorLoader
from mnist_ref.runtime import seed_everything
from mnist_ref.simple_net import make_simple_net

TOGETHER = "Putting It All Together"
OPTIMIZER = "Creating an Optimizer"
EPOCHS, LR, BATCH, MARGIN = 3, 0.1, 256, 0.01
ATTRIBUTES = ("dls", "model", "opt_func", "loss_func", "metric")

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




def _synthetic(net: nn.Module, seed: int):
    """Loaders of batches of 8: the net is right on every training image and on 10 of the 16
    validation images (all 8 of the first batch, 2 of the second: 0.625 either way of averaging)."""
    with torch.no_grad():
        train_x, valid_x = randn(24, 784, seed=seed), randn(16, 784, seed=seed + 1)
        train_y = (net(train_x) > 0).float()
        right = (net(valid_x) > 0).float()
        flip = (torch.arange(16, device=device()) >= 10).float().unsqueeze(1)
        valid_y = (right - flip).abs()
    return DataLoaders(RecordingLoader(TensorLoader(train_x, train_y, 8)),
                       RecordingLoader(TensorLoader(valid_x, valid_y, 8)))


class _Frozen(BasicOptim):
    """An optimizer whose step changes nothing: the model stays as it was built."""

    def step(self, *args, **kwargs) -> None:
        pass


@check(points=1, description="Learner stores dls, model, opt_func, loss_func and metric as "
       "attributes of those names")
def learner_stores(sub):
    Learner = sub.fn("Learner")
    net = seeded_linear(784, 1, seed=71)
    parts = dict(dls=_synthetic(net, 72), model=net, opt_func=_Frozen, loss_func=mnist_loss,
                 metric=batch_accuracy)
    learn = Learner(*parts.values())
    for name, value in parts.items():
        if not hasattr(learn, name):
            raise Wrong(f"Learner(dls, model, opt_func, loss_func, metric) has no attribute "
                        f"`{name}`.", cause=f"store each argument under its own name: "
                        f"self.{name} = {name}", section=TOGETHER)
        if getattr(learn, name) is not value:
            raise Wrong(f"Learner(...).{name} is not the {name} given to Learner.",
                        got=describe(getattr(learn, name)), section=TOGETHER,
                        hint="the arguments come in this order: dls, model, opt_func, "
                        "loss_func, metric")


@check(points=2, description="fit returns the mean metric on dls.valid after each epoch")
def fit_returns_valid_metric(sub):
    Learner = sub.fn("Learner")
    net = seeded_linear(784, 1, seed=73)
    dls = _synthetic(net, 74)
    call = "Learner(dls, model, opt_func, mnist_loss, batch_accuracy).fit(3, 0.1)"
    accs = expect_history(Learner(dls, net, _Frozen, mnist_loss, batch_accuracy).fit(3, 0.1), 3,
                          call, TOGETHER, each="the validation metric after that epoch")
    for i, acc in enumerate(accs):
        expect_number(acc, 0.625, atol=1e-4, what=f"{call}: the metric after epoch {i + 1} (the "
                      "optimizer of this check changes nothing; the model is right on 10 of the "
                      "16 validation images)", section=TOGETHER,
                      hint="after each epoch: the mean of self.metric(self.model(xb), yb) over "
                      "the batches of self.dls.valid",
                      mistakes=[Mistake("measured on dls.train (or on the training batches), not "
                                        "on dls.valid", 1.0)])
    if dls.train.passes != 3:
        raise Wrong(f"{call} made {dls.train.passes} passes over dls.train; expected one per "
                    "epoch, 3.", section=TOGETHER)


class _Probe:
    """An ``opt_func`` that records its calls, and optimizers that check each step's gradients."""

    def __init__(self, model: nn.Module, loader: RecordingLoader) -> None:
        self.model, self.loader = model, loader
        self.calls: list[tuple[list, object]] = []
        self.steps = 0
        self.problem: str | None = None

    def __call__(self, params, lr):
        params = list(params)
        self.calls.append((params, lr))
        return _ProbeOptim(params, lr, self)

    def check_step(self, params) -> None:
        self.steps += 1
        if self.problem or self.loader.last is None:
            return
        xb, yb = self.loader.last
        with torch.enable_grad():
            expected = torch.autograd.grad(mnist_loss(self.model(xb), yb), params,
                                           allow_unused=True)
        for p, g in zip(params, expected):
            if g is None:
                continue
            if p.grad is None:
                self.problem = (f"at step {self.steps}, opt.step() found no gradient "
                                "(p.grad is None): call loss.backward() before opt.step(), and "
                                "opt.zero_grad() after it, not between them")
            elif not torch.allclose(p.grad, g, rtol=1e-4, atol=1e-6):
                self.problem = (f"at step {self.steps}, the gradients are not those of the "
                                "current batch alone: they accumulate from batch to batch, "
                                "because opt.zero_grad() is not called after each step")
            if self.problem:
                return


class _ProbeOptim(BasicOptim):
    def __init__(self, params, lr, probe: _Probe) -> None:
        super().__init__(params, lr)
        self.probe = probe

    def step(self, *args, **kwargs) -> None:
        self.probe.check_step(self.params)
        if all(p.grad is not None for p in self.params):
            super().step()


@check(points=2, description="fit makes the optimizer with opt_func(model.parameters(), lr) and "
       "steps it once per batch, on that batch's gradients")
def fit_steps_optimizer(sub):
    Learner = sub.fn("Learner")
    net = seeded_linear(784, 1, seed=75)
    dls = _synthetic(net, 76)
    with torch.no_grad():  # some wrong training images, so every batch has a gradient
        dls.train.loader.y[::3] = 1 - dls.train.loader.y[::3]
    probe = _Probe(net, dls.train)
    lr = 0.05
    call = f"Learner(dls, model, opt_func, mnist_loss, batch_accuracy).fit(2, {lr})"
    Learner(dls, net, probe, mnist_loss, batch_accuracy).fit(2, lr)
    if not probe.calls:
        raise Wrong(f"{call} never called opt_func.", cause="make the optimizer with "
                    "opt = self.opt_func(self.model.parameters(), lr)", section=OPTIMIZER)
    lrs = sorted({repr(c[1]) for c in probe.calls})
    if any(c[1] != lr for c in probe.calls):
        raise Wrong(f"{call} made its optimizer with lr={', '.join(lrs)}, not the lr given to fit "
                    f"({lr}).", cause="fit ignores its lr argument (a learning rate written into "
                    "the code, or one stored elsewhere)", section=OPTIMIZER,
                    hint="opt = self.opt_func(self.model.parameters(), lr)")
    ids = {id(p) for p in net.parameters()}
    if any({id(p) for p in c[0]} != ids for c in probe.calls):
        raise Wrong(f"{call} gave opt_func other tensors than the model's parameters.",
                    section=OPTIMIZER, hint="pass self.model.parameters()")
    expected_steps = 2 * len(dls.train)
    if probe.steps == 0:
        raise Wrong(f"{call} never called opt.step(), so the model never changes.",
                    cause="opt.step() is missing after loss.backward()", section=OPTIMIZER)
    if probe.steps != expected_steps:
        raise Wrong(f"{call} called opt.step() {probe.steps} times; expected one per training "
                    f"batch: 2 epochs x {len(dls.train)} batches = {expected_steps}.",
                    section=OPTIMIZER)
    if probe.problem:
        raise Wrong(f"{call}: {probe.problem}.", section=OPTIMIZER,
                    hint="per batch: loss.backward(); opt.step(); opt.zero_grad()")


@check(points=1, description="fit trains with torch.optim.SGD as opt_func too")
def fit_with_torch_sgd(sub):
    Learner = sub.fn("Learner")
    net = seeded_linear(784, 1, seed=77)
    dls = _synthetic(net, 78)
    with torch.no_grad():
        dls.train.loader.y[::3] = 1 - dls.train.loader.y[::3]
    before = [p.detach().clone() for p in net.parameters()]
    Learner(dls, net, torch.optim.SGD, mnist_loss, batch_accuracy).fit(2, 0.5)
    if all(torch.equal(b, p.detach()) for b, p in zip(before, net.parameters())):
        raise Wrong("Learner(dls, model, torch.optim.SGD, mnist_loss, batch_accuracy).fit(2, 0.5) "
                    "did not change the model's parameters.",
                    cause="opt.step() is never called, or called when the gradients were "
                    "already zeroed (torch.optim.SGD skips parameters whose .grad is None)",
                    section=OPTIMIZER,
                    hint="per batch: loss.backward(); opt.step(); opt.zero_grad(); use only "
                    "step() and zero_grad() of the optimizer, which every optimizer has")


class _Checked(BasicOptim):
    """The book's BasicOptim, with a clear message when step() finds no gradient."""

    def step(self, *args, **kwargs) -> None:
        if any(p.grad is None for p in self.params):
            raise Wrong("opt.step() found no gradient (p.grad is None), so BasicOptim cannot "
                        "update the parameters.", cause="opt.zero_grad() is called between "
                        "loss.backward() and opt.step(), or backward() is missing",
                        section=OPTIMIZER, hint="per batch: loss.backward(); opt.step(); "
                        "opt.zero_grad()")
        super().step(*args, **kwargs)


def _accuracy(model, data) -> float:
    with torch.no_grad():
        return batch_accuracy(model(data.valid_x), data.valid_y).item()


@lru_cache(maxsize=1)
def _reference_accuracy() -> float:
    """The reference Learner's run with the check's settings (cached: it never changes)."""
    data = sample_data()
    seed_everything(SEED)
    net = make_simple_net().to(device())
    ref.Learner(sample_loaders(BATCH), net, BasicOptim, mnist_loss, batch_accuracy).fit(
        EPOCHS, LR)
    return _accuracy(net, data)


@check(points=2, description="your Learner trains simple_net on 3s and 7s as well as the "
       "reference Learner", timeout=60)
def learner_trains(sub):
    Learner = sub.fn("Learner")
    data = sample_data()
    reference = _reference_accuracy()
    seed_everything(SEED)
    net = make_simple_net().to(device())
    Learner(sample_loaders(BATCH), net, _Checked, mnist_loss, batch_accuracy).fit(EPOCHS, LR)
    yours = _accuracy(net, data)
    if yours < reference - MARGIN:
        raise Wrong(f"Learner(dls, make_simple_net(), BasicOptim, mnist_loss, batch_accuracy)"
                    f".fit({EPOCHS}, {LR}): the trained network classifies {yours:.4f} of the "
                    f"validation images right (measured by the grader), below the {reference:.4f} "
                    f"that the reference Learner reaches with identical settings, minus {MARGIN} "
                    f"(batches of {BATCH}; {context(data)}).",
                    cause="one step per training batch is missing, or the gradients are not "
                    "zeroed after each step", section=TOGETHER,
                    hint="the other checks of this exercise test each part of fit alone")
