"""Checks of exercise 4: ``calc_grad``, ``train_epoch``, ``validate_epoch``, ``BasicOptim``,
``train_model``.

Each function is judged alone: while ``train_epoch`` is checked, the reference ``calc_grad``
stands in for the student's in the student's namespace (and the reference ``train_epoch``,
``validate_epoch`` and ``BasicOptim`` while ``train_model`` is checked), so one mistake costs the
points of one function. Inputs are small, seeded and hand-made (a 5-feature linear model, loaders
that are plain lists of batches); expected values come from the reference run on clones of the
same parameters. The last check puts the student's own pieces together: ``train_model`` trains the
book's linear model on MNIST_SAMPLE (stage ``linear_sgd``'s settings: lr 1.0, batch 256, 20
epochs, seed 42), and the reference ``validate_epoch`` measures the result against the recorded
threshold.

Tolerances: parameters and gradients within ``rtol=1e-4, atol=1e-5`` (float32, a few steps);
metrics within 1e-4 (the book rounds them to 4 decimals).
"""

from __future__ import annotations

from contextlib import contextmanager

import torch

from autograder.checks.common import (
    SEED,
    device,
    expect_history,
    randn,
    require_accuracy,
    sample_data,
)
from autograder.core.exercise import Exercise
from autograder.core.feedback import Mistake, Wrong, describe, expect_number, expect_tensor
from mnist_ref import linear as ref
from mnist_ref.loaders import make_loaders
from mnist_ref.runtime import seed_everything

TOGETHER = "Putting It All Together"
OPTIM = "Creating an Optimizer"
RTOL, ATOL = 1e-4, 1e-5

EXERCISE = Exercise(
    stem="e04_train_epoch",
    title="Exercise 4: train_epoch",
    section=TOGETHER,
    hints=[
        "Follow the book's section \"Putting It All Together\": calc_grad is three lines, "
        "train_epoch loops over the batches of dl, validate_epoch averages a metric, and "
        "train_model alternates the two. Every loader, parameter and function is an argument.",
        "train_epoch: for xb, yb in dl: calc_grad(xb, yb, model, loss_func), then for p in params: "
        "update p.data (not p itself) against the gradient, scaled by lr, and zero the gradient. "
        "train_model validates on valid_dl after every epoch and returns the list of results.",
        "calc_grad: loss = loss_func(model(xb), yb); loss.backward(); return loss. "
        "train_epoch's step: p.data -= p.grad * lr; p.grad.zero_(). validate_epoch: "
        "round(torch.stack([metric(model(xb), yb) for xb, yb in valid_dl]).mean().item(), 4). "
        "BasicOptim: self.params = list(params); step: p.data -= p.grad.data * self.lr; "
        "zero_grad: p.grad = None.",
    ],
)
check = EXERCISE.check


# --- small hand-made problems ------------------------------------------------------------------

N_FEATURES = 5


def _linear_params(seed: int) -> list[torch.Tensor]:
    """Weights ``[5, 1]`` and bias ``[1]`` on the check device, leaves with gradients."""
    w = randn(N_FEATURES, 1, seed=seed).requires_grad_()
    b = randn(1, seed=seed + 1).requires_grad_()
    return [w, b]


def _clone(params: list[torch.Tensor]) -> list[torch.Tensor]:
    return [p.detach().clone().requires_grad_() for p in params]


def _model(params: list[torch.Tensor]):
    """The book's linear model as a closure over ``params``: ``[N, 5]`` -> ``[N, 1]``."""
    w, b = params

    def model(xb):
        return xb @ w + b

    return model


def _batches(n_batches: int, size: int, seed: int) -> list[tuple[torch.Tensor, torch.Tensor]]:
    """``n_batches`` seeded mini-batches: xb ``[size, 5]``, yb float ``[size, 1]`` of 0/1."""
    x = randn(n_batches * size, N_FEATURES, seed=seed)
    y = (randn(n_batches * size, 1, seed=seed + 1) > 0).float()
    return [(x[i:i + size], y[i:i + size]) for i in range(0, n_batches * size, size)]


def _separable_batches(n_batches: int, size: int, seed: int):
    """Like :func:`_batches`, but the labels follow a linear rule, so a few epochs learn them."""
    x = randn(n_batches * size, N_FEATURES, seed=seed)
    y = (x @ randn(N_FEATURES, 1, seed=seed + 1) > 0).float()
    return [(x[i:i + size], y[i:i + size]) for i in range(0, n_batches * size, size)]


def _squared_loss(predictions, targets):
    """Not the book's loss: a different one, to see that ``loss_func`` is used."""
    return ((predictions.sigmoid() - targets) ** 2).mean()


def _flat(params) -> torch.Tensor:
    return torch.cat([p.detach().reshape(-1) for p in params])


def _grads(params) -> torch.Tensor:
    return torch.cat([(p.grad if p.grad is not None else torch.zeros_like(p)).detach().reshape(-1)
                      for p in params])


class CountingLoader:
    """A loader (a list of batches) that counts how many batches were taken from it."""

    def __init__(self, batches):
        self.batches, self.served = list(batches), 0

    def __len__(self) -> int:
        return len(self.batches)

    def __iter__(self):
        for batch in self.batches:
            self.served += 1
            yield batch


_MISSING = object()


@contextmanager
def reference_for(sub, *names: str):
    """Put the reference's ``names`` in the student's namespace for the block (then restore).

    So that a check of ``train_epoch`` runs the reference ``calc_grad``: the student's function
    looks its helpers up in that namespace when it runs.
    """
    saved = {n: sub.namespace.get(n, _MISSING) for n in names}
    sub.namespace.update({n: getattr(ref, n) for n in names})
    try:
        yield
    finally:
        for n, value in saved.items():
            if value is _MISSING:
                sub.namespace.pop(n, None)
            else:
                sub.namespace[n] = value


# --- variants of the reference loop that make the book's mistakes ------------------------------


def _sgd(params, batches, lr, loss_func=ref.mnist_loss, sign=1.0, zero=True, first_only=False):
    """Run SGD the reference's way, or one of the known wrong ways; returns the final params."""
    params = _clone(params)
    model = _model(params)
    for xb, yb in batches[:1] if first_only else batches:
        ref.calc_grad(xb, yb, model, loss_func)
        for p in params:
            p.data -= sign * p.grad * lr
            if zero:
                p.grad.zero_()
    return params


def _step_mistakes(start, batches, lr, loss_func=ref.mnist_loss) -> list[Mistake]:
    return [
        Mistake("the parameters did not change: `p = p - lr * p.grad` only rebinds the loop "
                "variable (and a step on a copy is lost); update p.data in place, or use "
                "`with torch.no_grad(): p -= lr * p.grad`", _flat(start)),
        Mistake("the step goes the wrong way: subtract lr * grad (descend the gradient)",
                _flat(_sgd(start, batches, lr, loss_func, sign=-1.0))),
        Mistake("lr is ignored: multiply the gradient by lr",
                _flat(_sgd(start, batches, 1.0, loss_func))),
        Mistake("only the first mini-batch was used: loop over every (xb, yb) of dl (a "
                "`return`/`break` inside the loop, or `next(iter(dl))`?)",
                _flat(_sgd(start, batches, lr, loss_func, first_only=True))),
        Mistake("the gradients are never zeroed: backward() ADDS into .grad, so each batch's "
                "gradient piles onto the previous ones; p.grad.zero_() after each step",
                _flat(_sgd(start, batches, lr, loss_func, zero=False))),
    ] + ([] if loss_func is ref.mnist_loss else [
        Mistake("loss_func is ignored: pass it on to calc_grad (the book's mnist_loss is only "
                "the default)", _flat(_sgd(start, batches, lr, ref.mnist_loss)))])


# --- the checks --------------------------------------------------------------------------------


@check(points=1, description="calc_grad computes the loss's gradients (with the given loss_func) "
       "and returns the loss")
def calc_grad_values(sub):
    calc_grad = sub.fn("calc_grad")
    (xb, yb), = _batches(1, 6, seed=40)
    for loss_func, label in ((None, "the default loss"), (_squared_loss, "a squared-error loss")):
        params, ref_params = _linear_params(41), _linear_params(41)
        args = (xb, yb, _model(params)) + (() if loss_func is None else (loss_func,))
        extra = "" if loss_func is None else ", loss_func"
        what = f"calc_grad(xb [6, 5], yb [6, 1], model{extra}) with {label}"
        loss = calc_grad(*args)
        expected_loss = ref.calc_grad(xb, yb, _model(ref_params), loss_func or ref.mnist_loss)
        if all(p.grad is None for p in params):
            raise Wrong(f"{what} left every parameter's .grad empty (None).",
                        cause="loss.backward() is missing: it is what computes the gradients",
                        section=TOGETHER, hint="loss = loss_func(model(xb), yb); loss.backward()")
        single = _grads(ref_params)
        mistakes = [Mistake("the gradients are doubled: backward() ran twice on the loss",
                            2 * single)]
        if loss_func is not None:
            other = _linear_params(41)
            ref.calc_grad(xb, yb, _model(other), ref.mnist_loss)
            mistakes.append(Mistake("loss_func is ignored: call loss_func(model(xb), yb); the "
                                    "book's mnist_loss is only the default", _grads(other)))
        expect_tensor(_grads(params), single, rtol=RTOL,
                      what=f"the gradients (weights then bias) after {what}",
                      atol=ATOL, section=TOGETHER, mistakes=mistakes)
        expect_tensor(loss, expected_loss.detach(), what=f"the value returned by {what}",
                      rtol=RTOL, atol=ATOL, section=TOGETHER, check_device=False,
                      hint="return the loss after calling loss.backward()")


@check(points=1, description="calc_grad adds into .grad: two calls give twice one call's "
       "gradients, as backward() does")
def calc_grad_accumulates(sub):
    calc_grad = sub.fn("calc_grad")
    (xb, yb), = _batches(1, 6, seed=42)
    torch.manual_seed(0)
    model = torch.nn.Linear(N_FEATURES, 1).to(device())
    reference = torch.nn.Linear(N_FEATURES, 1).to(device())
    reference.load_state_dict(model.state_dict())
    for _ in range(2):
        calc_grad(xb, yb, model)
        ref.calc_grad(xb, yb, reference)
    params = list(model.parameters())
    if all(p.grad is None for p in params):
        raise Wrong("after two calls of calc_grad on an nn.Linear model, its parameters have no "
                    "gradient.", cause="loss.backward() is missing (or the gradients are "
                    "cleared inside calc_grad)", section=TOGETHER)
    twice = _grads(reference.parameters())
    expect_tensor(_grads(params), twice, rtol=RTOL, atol=ATOL, section=TOGETHER,
                  what="the gradients of an nn.Linear(5, 1) after two calls of calc_grad on the "
                       "same batch",
                  mistakes=[Mistake("calc_grad clears the gradients itself (model.zero_grad() or "
                                    "p.grad = None): it must only ADD this batch's gradient, "
                                    "like backward(); zeroing is the job of the code that steps "
                                    "the parameters", twice / 2)],
                  hint="calc_grad does forward, loss and backward, nothing else")


@check(points=2, description="train_epoch steps every parameter with every mini-batch, like the "
       "reference (SGD: p -= lr * grad)")
def train_epoch_values(sub):
    train_epoch = sub.fn("train_epoch")
    batches = _batches(3, 4, seed=50)
    lr = 0.3
    start = _linear_params(51)
    # 1) the book's case: a function model over (weights, bias), the default loss
    params, loader = _clone(start), CountingLoader(batches)
    with reference_for(sub, "calc_grad"):
        train_epoch(_model(params), lr, params, loader)
    if loader.served < len(batches):
        raise Wrong(f"train_epoch took {loader.served} of the {len(batches)} mini-batches of dl: "
                    "one epoch must use every batch.", cause="a `return` or `break` inside the "
                    "loop, or `xb, yb = next(iter(dl))` instead of `for xb, yb in dl`",
                    section=TOGETHER)
    expect_tensor(_flat(params), _flat(_sgd(start, batches, lr)), rtol=RTOL, atol=ATOL,
                  what=f"the parameters (5 weights then the bias) after train_epoch(model, lr="
                       f"{lr}, params, dl of {len(batches)} batches)",
                  mistakes=_step_mistakes(start, batches, lr), section=TOGETHER,
                  hint="for each batch: calc_grad, then p.data -= p.grad * lr; p.grad.zero_()")
    # 2) nn.Linear parameters and a loss_func that is not the default
    torch.manual_seed(1)
    linear = torch.nn.Linear(N_FEATURES, 1).to(device())
    start = [linear.weight.detach().t().clone(), linear.bias.detach().clone()]  # as [5, 1], [1]
    with reference_for(sub, "calc_grad"):
        train_epoch(linear, lr, list(linear.parameters()), batches, _squared_loss)
    got = torch.cat([linear.weight.detach().reshape(-1), linear.bias.detach()])
    expect_tensor(got, _flat(_sgd(start, batches, lr, _squared_loss)), rtol=RTOL, atol=ATOL,
                  what=f"the parameters of an nn.Linear(5, 1) after train_epoch(linear, lr={lr}, "
                       "list(linear.parameters()), dl, loss_func=<a squared-error loss>)",
                  mistakes=_step_mistakes(start, batches, lr, _squared_loss), section=TOGETHER)


@check(points=1, description="train_epoch leaves every gradient at zero (or None) when it returns")
def train_epoch_zeroes_grads(sub):
    train_epoch = sub.fn("train_epoch")
    batches = _batches(3, 4, seed=60)
    start = _linear_params(61)
    params = _clone(start)
    with reference_for(sub, "calc_grad"):
        train_epoch(_model(params), 0.3, params, batches)
    left = [p.grad for p in params if p.grad is not None and bool((p.grad != 0).any())]
    if left:
        # what zeroing before each calc_grad (instead of after each step) leaves behind
        before_last = _sgd(start, batches[:-1], 0.3)
        ref.calc_grad(*batches[-1], _model(before_last))
        cause = ("p.grad.zero_() (or p.grad = None) is missing after the step: backward() ADDS "
                 "into .grad, so the gradients pile up from batch to batch")
        if torch.allclose(_grads(params), _grads(before_last), rtol=RTOL, atol=ATOL):
            cause = ("the gradients are cleared before each calc_grad but not after the last "
                     "step: the training is right, but the last batch's gradient is left in "
                     ".grad, and any code that runs next and calls backward() (a check of the "
                     "gradients, another training loop) adds to it; zero each gradient right "
                     "after its step, as the book does")
        raise Wrong("after train_epoch, the parameters' .grad still hold non-zero values.",
                    expected="every .grad all zeros, or None",
                    got=f"largest |grad| {max(float(g.abs().max()) for g in left):.4g}",
                    cause=cause, section=TOGETHER)


@check(points=1, description="validate_epoch returns the mean of the metric over the validation "
       "batches, as a number")
def validate_epoch_values(sub):
    validate_epoch = sub.fn("validate_epoch")
    # four batches of four raw outputs [4, 1]: batch_accuracy gives 0.25, 0.75, 1.0 and 0.5
    outputs = torch.tensor([[2.0, -1.0, -3.0, 1.0], [1.5, -2.0, 0.5, 0.7],
                            [-1.0, 2.0, 3.0, -0.5], [0.2, 0.4, -0.3, -0.9]], device=device())
    targets = torch.tensor([[1.0, 1.0, 1.0, 0.0], [1.0, 0.0, 1.0, 0.0],
                            [0.0, 1.0, 1.0, 0.0], [1.0, 0.0, 1.0, 0.0]], device=device())
    valid_dl = [(o.unsqueeze(1), t.unsqueeze(1)) for o, t in zip(outputs, targets, strict=True)]
    accs = [float(ref.batch_accuracy(o, t)) for o, t in valid_dl]

    def model(xb):  # the "model" returns its inputs: the batches above are its outputs
        return xb

    def mean_output(predictions, targets):  # a metric that is not the default one
        return predictions.mean()

    for metric, values, label in (
        (None, accs, "the default metric (batch_accuracy)"),
        (mean_output, [float(o.mean()) for o in outputs], "a metric passed as third argument"),
    ):
        got = validate_epoch(model, valid_dl) if metric is None else validate_epoch(
            model, valid_dl, metric)
        mean = sum(values) / len(values)
        mistakes = [Mistake("only the last batch's metric is returned: collect every batch's "
                            "value (a list), then take the mean", values[-1]),
                    Mistake("the metrics are summed: take their mean", sum(values)),
                    Mistake("only the first batch is used: loop over every batch of valid_dl",
                            values[0])]
        if metric is not None:
            mistakes.append(Mistake("the metric argument is ignored: call metric(model(xb), yb)",
                                    sum(accs) / len(accs)))
        expect_number(got, mean, atol=1e-4, mistakes=mistakes, section=TOGETHER,
                      what=f"validate_epoch(model, valid_dl of 4 batches) with {label}",
                      hint="the mean of [metric(model(xb), yb) for xb, yb in valid_dl], rounded "
                           "to 4 decimals")


@check(points=1, description="BasicOptim.step moves each parameter by -lr * grad; zero_grad "
       "clears the gradients; both work with model.parameters()")
def basic_optim(sub):
    basic_optim_cls = sub.fn("BasicOptim")
    lr = 0.25
    grads = [randn(4, 3, seed=72), randn(3, seed=73)]

    def fresh():
        params = [randn(4, 3, seed=70).requires_grad_(), randn(3, seed=71).requires_grad_()]
        for p, g in zip(params, grads, strict=True):
            p.grad = g.clone()
        return params

    def after(k: float) -> torch.Tensor:  # the parameters after k steps with these gradients
        return torch.cat([(s.detach() - k * lr * g).reshape(-1)
                          for s, g in zip(fresh(), grads, strict=True)])

    # 1) a list of parameters: one step, then zero_grad
    params = fresh()
    opt = basic_optim_cls(params, lr)
    opt.step()
    expect_tensor(_flat(params), after(1), rtol=RTOL, atol=ATOL, section=OPTIM,
                  what=f"the parameters after BasicOptim(params, lr={lr}).step()",
                  mistakes=[Mistake("the step goes the wrong way: subtract lr * grad", after(-1)),
                            Mistake("lr is ignored: multiply the gradient by self.lr",
                                    after(1 / lr)),
                            Mistake("step() changed nothing: update p.data in place, not a copy",
                                    after(0))])
    if not all(p.is_leaf and p.requires_grad for p in params):
        raise Wrong("after step(), the parameters are no longer leaves that track gradients.",
                    cause="the update was recorded by autograd: change p.data, or update under "
                    "torch.no_grad()", section=OPTIM)
    opt.zero_grad()
    left = [p.grad for p in params if p.grad is not None and bool((p.grad != 0).any())]
    if left:
        raise Wrong("after zero_grad(), the parameters' .grad still hold the gradients.",
                    expected="every .grad None (as in the book) or all zeros",
                    got=describe(left[0]), cause="zero_grad must visit every parameter and set "
                    "p.grad = None (or call p.grad.zero_())", section=OPTIM)
    # 2) a generator, as the Learner passes model.parameters(): step, zero_grad, backward, step
    params = fresh()
    opt = basic_optim_cls((p for p in params), lr)
    opt.step()
    opt.zero_grad()
    for p, g in zip(params, grads, strict=True):
        p.grad = g.clone()
    opt.step()
    expect_tensor(_flat(params), after(2), rtol=RTOL, atol=ATOL, section=OPTIM,
                  what="the parameters after BasicOptim(model.parameters(), lr).step(), "
                       "zero_grad(), a new backward, step()",
                  mistakes=[Mistake("the second step() changed nothing: the parameters were kept "
                                    "as the generator that model.parameters() returns, which is "
                                    "used up after one loop; store self.params = list(params)",
                                    after(1))])


@check(points=2, description="train_model trains epoch by epoch and returns the validation "
       "accuracy (on valid_dl) after each epoch")
def train_model_history(sub):
    train_model = sub.fn("train_model")
    epochs, lr = 3, 0.5
    dl = _separable_batches(4, 8, seed=82)
    # the validation set: the same images with the opposite labels, so that accuracy on the
    # training batches and on valid_dl are clearly different numbers (they add up to 1)
    valid_dl = [(xb, 1 - yb) for xb, yb in dl]
    start = _linear_params(92)  # accuracies after each epoch all differ, on dl and on valid_dl

    def reference(valid, validate_first=False):
        params = _clone(start)
        model, history = _model(params), []
        for _ in range(epochs):
            if validate_first:
                history.append(ref.validate_epoch(model, valid))
            ref.train_epoch(model, lr, params, dl)
            if not validate_first:
                history.append(ref.validate_epoch(model, valid))
        return history

    expected = reference(valid_dl)
    params = _clone(start)
    with reference_for(sub, "calc_grad", "train_epoch", "validate_epoch", "BasicOptim"):
        got = train_model(_model(params), epochs, lr, params, dl, valid_dl)
    what = f"train_model(model, epochs={epochs}, lr={lr}, params, dl, valid_dl)"
    values = expect_history(got, epochs, what, TOGETHER)
    expect_tensor(torch.tensor(values, dtype=torch.float64),
                  torch.tensor(expected, dtype=torch.float64), atol=1e-4, rtol=0.0,
                  what=f"the accuracies returned by {what}", section=TOGETHER,
                  mistakes=[Mistake("the accuracy is measured on the training batches dl: "
                                    "validate on valid_dl (images the model never trained on)",
                                    torch.tensor(reference(dl), dtype=torch.float64)),
                            Mistake("each epoch is validated before it trains: validate after "
                                    "train_epoch", torch.tensor(reference(valid_dl, True),
                                                                dtype=torch.float64))],
                  hint="for each epoch: train_epoch(model, lr, params, dl, loss_func), then "
                       "append validate_epoch(model, valid_dl, metric)")


@check(points=2, description="your train_model (with your train_epoch and calc_grad) trains the "
       "book's linear model on real 3s and 7s to the reference's accuracy", timeout=60)
def train_model_trains(sub):
    train_model = sub.fn("train_model")
    data = sample_data()
    seed_everything(SEED)
    weights = ref.init_params((28 * 28, 1)).detach().to(device()).requires_grad_()
    bias = ref.init_params(1).detach().to(device()).requires_grad_()
    dls = make_loaders(data.train_x, data.train_y, data.valid_x, data.valid_y, 256, SEED)

    def model(xb):
        return ref.linear1(xb, weights, bias)

    train_model(model, 20, 1.0, (weights, bias), dls.train, dls.valid)
    accuracy = ref.validate_epoch(model, dls.valid)
    require_accuracy(accuracy, "linear_sgd", data,
                     "the book's linear model (reference init_params, linear1, mnist_loss) trained "
                     "by your train_model for 20 epochs at lr 1.0, batch 256, then measured by the "
                     "reference validate_epoch", TOGETHER,
                     hint="check train_epoch and calc_grad first: their own checks say more")
