"""Checks of exercise 5a, the book's fastai path: ``make_dls``, ``make_learner``, ``fit_linear``,
``fit_simple_net``.

fastai is imported by this exercise's worker only (the stub imports it; the probes of
:mod:`autograder.probes.e05a_fastai_learner` use it there), and on the grader's side only inside
:func:`_reference_curve`, which runs when a training check fails: no other exercise's grading
imports it.

``dls_batches`` calls ``make_dls`` on 40 training and 12 validation items whose index sits in
column 0, and reads the order back: batches of ``bs``, every item once per pass, the training
order shuffled and new at each pass (fastai's ``shuffle=True``; ``drop_last`` allowed), the
validation order kept. ``learner_parts`` calls ``make_learner`` with a seeded ``nn.Linear`` and
reads back what the ``Learner`` holds: the model and data given, fastai's ``SGD`` as
``opt_func``, a loss that computes ``mnist_loss`` and a metric that computes ``batch_accuracy``
(each called on the same ``[6, 1]`` predictions and targets as the reference). ``fit_contract``
runs ``fit_linear(dls, 2, 0.5)`` and ``fit_simple_net(dls, 3, 0.05)`` on small data with the
book's ``make_learner`` swapped in (so each function is tested alone): as many epochs as asked,
the ``lr`` given, and the right model (``nn.Linear(784, 1)``; Linear -> ReLU -> Linear 784-30-1,
judged by what it computes).

The two training checks run the chapter's runs on MNIST_SAMPLE (``fit_linear(dls, 10, 1.0)``,
``fit_simple_net(dls, 40, 0.1)``, batches of 256 shuffled, seed 42, on :func:`device`); the grader
measures the trained model's parameters itself on its own validation data with the book's
network and ``batch_accuracy``, and asks for the threshold recorded for stage ``linear_fastai`` or
``simple_net_fastai`` on that data (:mod:`mnist_ref.thresholds`; on the complete MNIST_SAMPLE
0.97 and 0.975, from seeded runs of 0.980 and 0.982). Measured here: 10 epochs of ``nn.Linear``
take about 1 to 2 s, 40 of ``simple_net`` 5 to 15 s, after fastai's import (about 3 s).
"""

from __future__ import annotations

import torch

from autograder.checks.common import (
    SEED,
    device,
    kept,
    raised_by_student,
    randn,
    require_accuracy,
    sample_data,
    seeded_linear,
)
from autograder.checks.e05_simple_net import as_book, book_roles
from autograder.core.exercise import Exercise
from autograder.core.feedback import Mistake, Wrong, describe, expect_number, where_in_student_code
from autograder.render.curves import with_curve
from mnist_ref import linear
from mnist_ref import simple_net as net

TOGETHER = "Putting It All Together"
NONLINEAR = "Adding a Nonlinearity"
BATCH = 256
LINEAR_RUN, NET_RUN = (10, 1.0), (40, 0.1)  # the chapter's learn.fit(10, lr=1.0) and fit(40, 0.1)

EXERCISE = Exercise(
    stem="e05a_fastai_learner",
    title="Exercise 5a: the book's fastai path (slow)",
    section=TOGETHER,
    hints=[
        "The chapter's \"Putting It All Together\" ends with these lines: dls = DataLoaders(dl, "
        "valid_dl); learn = Learner(dls, nn.Linear(28*28,1), opt_func=SGD, loss_func=mnist_loss, "
        "metrics=batch_accuracy); learn.fit(10, lr=lr).",
        "make_dls: dl = DataLoader(list(zip(train_x, train_y)), batch_size=bs, shuffle=True), "
        "valid_dl the same over the validation pairs without shuffle, then DataLoaders(dl, "
        "valid_dl). fit_linear: learn = make_learner(dls, nn.Linear(28 * 28, 1)); "
        "learn.fit(n_epoch, lr); return learn.",
        "make_learner: return Learner(dls, model, opt_func=SGD, loss_func=mnist_loss, "
        "metrics=batch_accuracy): fastai's default opt_func is Adam, and without lr fit uses "
        "fastai's default 0.001. fit_simple_net: nn.Sequential(nn.Linear(28 * 28, 30), "
        "nn.ReLU(), nn.Linear(30, 1)).",
    ],
)
check = EXERCISE.check


def _student_error(sub, err: BaseException, what: str, section: str, cause=None):
    """A student's exception inside fastai's calls, as a :class:`Wrong`; anything else re-raised."""
    if not raised_by_student(err):
        raise err
    where = where_in_student_code(err, sub.path)
    text = str(err)
    if cause is None and "loss function" in text:
        cause = "no loss_func was given to Learner: pass loss_func=mnist_loss"
    raise Wrong(f"{what} raised {getattr(err, 'student_type', type(err).__name__)}: {text}"
                + (f"\n  at {where}" if where else ""), cause=cause, section=section) from None


# --- make_dls ---------------------------------------------------------------------------------------

N_TRAIN, N_VALID, SMALL_BS, PASSES = 40, 12, 8, 3


def _indexed(n: int, ones: int) -> tuple[torch.Tensor, torch.Tensor]:
    x = torch.zeros(n, 28 * 28)
    x[:, 0] = torch.arange(n, dtype=torch.float32)
    return x, (torch.arange(n) < ones).float().unsqueeze(1)


@check(points=2, description="make_dls gives DataLoaders whose train loader shuffles batches of bs "
       "training pairs every epoch, and whose valid loader gives the validation pairs in order")
def dls_batches(sub):
    sub.fn("make_dls")
    train_x, train_y = _indexed(N_TRAIN, N_TRAIN // 2)
    valid_x, valid_y = _indexed(N_VALID, N_VALID // 2)
    valid_x[:, 0] += 100  # validation items are 100 to 111: a loader over the wrong set shows
    call = "make_dls(train_x [40, 784], train_y [40, 1], valid_x [12, 784], valid_y [12, 1], bs=8)"
    hint = ("dl = DataLoader(list(zip(train_x, train_y)), batch_size=bs, shuffle=True); valid_dl "
            "the same over the validation pairs, without shuffle; DataLoaders(dl, valid_dl)")
    try:
        run = sub.probe("dls_batches", [train_x, train_y, valid_x, valid_y], SMALL_BS, PASSES,
                        SEED)
    except Exception as err:  # noqa: BLE001 - the student's own errors become a message
        _student_error(sub, err, call, TOGETHER)
    if not all(run["has"]):
        raise Wrong(f"{call} returned a {run['type']} without .train and .valid.",
                    cause="return DataLoaders(dl, valid_dl)", section=TOGETHER, hint=hint)
    if run["shapes"] != [[SMALL_BS, 784], [SMALL_BS, 1]]:
        shapes = run["shapes"]
        cause = None
        if shapes and shapes[0][1:] == [784] and shapes[0][0] != SMALL_BS:
            cause = f"bs is ignored: the batches hold {shapes[0][0]} pairs; batch_size=bs"
        raise Wrong(f"the first training batch of {call} is not xb [8, 784], yb [8, 1].",
                    got=f"{shapes}", cause=cause, section=TOGETHER, hint=hint)
    valid = run["valid"]["order"]
    if valid != list(range(100, 100 + N_VALID)):
        cause = None
        if set(valid) <= set(range(N_TRAIN)):
            cause = "dls.valid goes over the training pairs: build valid_dl from valid_x, valid_y"
        elif sorted(valid) == list(range(100, 100 + N_VALID)):
            cause = "the validation loader shuffles: keep it in order (no shuffle=True there)"
        raise Wrong(f"one pass over dls.valid of {call} gave items {valid}; expected the 12 "
                    "validation pairs in order.", cause=cause, section=TOGETHER, hint=hint)
    orders = [p["order"] for p in run["train"]]
    for k, (order, sizes) in enumerate(zip(orders, [p["sizes"] for p in run["train"]]), 1):
        if len(order) != len(set(order)) or not set(order) <= set(range(N_TRAIN)):
            cause = ("dls.train goes over the validation pairs" if set(order) & set(range(100, 112))
                     else None)
            raise Wrong(f"pass {k} over dls.train of {call} did not give the training pairs, "
                        "each once.", got=f"{order}", cause=cause, section=TOGETHER, hint=hint)
        dropped = N_TRAIN - len(order)
        if dropped and not (dropped < SMALL_BS and all(s == SMALL_BS for s in sizes)):
            raise Wrong(f"pass {k} over dls.train of {call} gave {len(order)} of the 40 pairs.",
                        section=TOGETHER, hint=hint)
    if all(o == sorted(o) for o in orders):
        raise Wrong(f"the training batches of {call} come in the data's order, the same at every "
                    "pass.", cause="the training DataLoader does not shuffle (the book's "
                    "DataLoader(dset, batch_size=256) does not): with all the 3s first and all "
                    "the 7s after, each batch then holds one class; pass shuffle=True",
                    section=TOGETHER, hint=hint)
    if all(o == orders[0] for o in orders[1:]):
        raise Wrong(f"the training batches of {call} come in one order, the same at every pass.",
                    cause="the pairs were shuffled once, not at every epoch: let the training "
                    "DataLoader shuffle (shuffle=True)", section=TOGETHER, hint=hint)


# --- make_learner -----------------------------------------------------------------------------------

def _small_data(seed: int) -> list[torch.Tensor]:
    x, vx = randn(12, 784, seed=seed).cpu(), randn(8, 784, seed=seed + 1).cpu()
    return [x, (x[:, :1] > 0).float(), vx, (vx[:, :1] > 0).float()]


@check(points=2, description="make_learner builds the book's Learner: the data and model given, "
       "fastai's SGD, mnist_loss as the loss and batch_accuracy as the metric")
def learner_parts(sub):
    sub.fn("make_learner")
    net_ = seeded_linear(784, 1, seed=41)
    weight, bias = net_.weight.detach().cpu(), net_.bias.detach().cpu()
    preds = torch.tensor([[2.0], [-1.0], [0.5], [-3.0], [0.2], [1.5]])
    targets = torch.tensor([[1.0], [0.0], [0.0], [1.0], [1.0], [0.0]])
    call = "make_learner(dls, nn.Linear(784, 1))"
    hint = ("Learner(dls, model, opt_func=SGD, loss_func=mnist_loss, metrics=batch_accuracy)")
    try:
        got = sub.probe("learner_parts", _small_data(42), weight, bias, preds, targets)
    except Exception as err:  # noqa: BLE001
        _student_error(sub, err, call, TOGETHER)
    if got["type"] != "Learner":
        raise Wrong(f"{call} should return fastai's Learner.", got=got["type"], section=TOGETHER,
                    hint=hint)
    if not got["model_kept"] or not got["dls_kept"]:
        which = "model" if not got["model_kept"] else "dls"
        raise Wrong(f"the Learner from {call} does not hold the {which} it was given.",
                    cause=f"pass the {which} argument on to Learner (not one made inside)",
                    section=TOGETHER, hint=hint)
    if got["opt_func"] != "fastai.optimizer.SGD":
        cause = ("no opt_func was given, so fastai used its default, Adam (another optimizer, "
                 "with its own idea of a good learning rate): pass opt_func=SGD"
                 if got["opt_func"].endswith(".Adam") else "the book's opt_func is fastai's SGD "
                 "(from fastai.optimizer; torch.optim.SGD is another thing)")
        raise Wrong(f"the Learner from {call} makes its optimizer with {got['opt_func']}.",
                    expected="fastai.optimizer.SGD", cause=cause, section=TOGETHER, hint=hint)
    loss = linear.mnist_loss(preds, targets).item()
    accuracy = linear.batch_accuracy(preds, targets).item()
    expect_number(got["loss"] if got["loss"] is not None else "not a function of (preds, "
                  "targets)", loss, atol=1e-5, section=TOGETHER, hint=hint,
                  what=f"the loss_func of the Learner from {call}, on preds [6, 1] and targets "
                  "[6, 1],", mistakes=[
                      Mistake("the loss is batch_accuracy (loss and metric swapped?): accuracy "
                              "cannot be the loss, its gradient is zero almost everywhere; "
                              "loss_func=mnist_loss, metrics=batch_accuracy", accuracy)])
    if not got["metrics"]:
        raise Wrong(f"the Learner from {call} has no metric.", cause="metrics=batch_accuracy is "
                    "missing: without it fit prints only the losses", section=TOGETHER, hint=hint)
    values = [v for _, v in got["metrics"]]
    if not any(v is not None and abs(v - accuracy) < 1e-5 for v in values):
        cause = None
        if any(v is not None and abs(v - loss) < 1e-5 for v in values):
            cause = "the metric is mnist_loss (loss and metric swapped?): metrics=batch_accuracy"
        raise Wrong(f"no metric of the Learner from {call} computes batch_accuracy.",
                    expected=f"{accuracy:.4f} on these predictions", got=f"{got['metrics']}",
                    cause=cause, section=TOGETHER, hint=hint)


# --- fit_linear and fit_simple_net, on small data ----------------------------------------------------

def _probe_inputs() -> torch.Tensor:
    """The inputs ``[6, 784]`` on which a trained model's outputs come back."""
    return randn(6, 28 * 28, seed=43)


def _fit(sub, name: str, data, n_epoch: int, lr: float, bs: int, what: str, section: str) -> dict:
    try:
        return sub.probe("fit", name, data, n_epoch, lr, bs, SEED, _probe_inputs())
    except Exception as err:  # noqa: BLE001
        _student_error(sub, err, what, section)


def _linear_params(anatomy: dict) -> list[torch.Tensor] | None:
    """``[weight [1, 784], bias [1]]`` of an ``nn.Linear(784, 1)``, or None."""
    values = anatomy.get("parameters") or []
    if [tuple(v.shape) for v in values] == [(1, 784), (1,)]:
        return values
    return None


def _net_params(anatomy: dict, got, what: str) -> list[torch.Tensor]:
    """The book's ``(w1, b1, w2, b2)`` of a 784-30-1 network that computes ``simple_net``, or a
    :class:`Wrong` saying what it is instead."""
    values = anatomy.get("parameters") or []
    roles = book_roles([v.shape for v in values], 28 * 28, 30, 1)
    if not anatomy.get("is_module") or roles is None:
        shapes = ", ".join(str(list(v.shape)) for v in values) or "none"
        raise Wrong(f"{what}: the model is not the book's simple_net (784 -> 30 -> 1).",
                    got=f"{anatomy.get('type')} with parameters {shapes}",
                    cause="nn.Sequential(nn.Linear(28 * 28, 30), nn.ReLU(), nn.Linear(30, 1))",
                    section=NONLINEAR)
    params = as_book([v.float() for v in values], roles)
    xb = _probe_inputs().to(values[0].device)
    got = got.to(xb.device) if isinstance(got, torch.Tensor) else got
    expected = net.simple_net(xb, *params)
    if not (isinstance(got, torch.Tensor) and got.shape == expected.shape
            and torch.allclose(got.detach().float(), expected, rtol=1e-4, atol=1e-4)):
        cause = None
        if isinstance(got, torch.Tensor) and got.shape == expected.shape:
            plain = (xb @ params[0] + params[1]) @ params[2] + params[3]
            if torch.allclose(got.detach().float(), plain, rtol=1e-4, atol=1e-4):
                cause = ("the ReLU is missing: without it the two linear layers are one linear "
                         "layer; nn.ReLU() between them")
        raise Wrong(f"{what}: the model does not compute Linear -> ReLU -> Linear with its own "
                    "weights.", got=describe(got), cause=cause, section=NONLINEAR)
    return params


def _expect_run(run: dict, n_epoch: int, lr: float, what: str, section: str) -> None:
    if run["type"] != "Learner":
        raise Wrong(f"{what} should return the trained Learner.", got=run["type"],
                    cause="return learn after learn.fit(...)", section=section)
    if len(run["values"]) != n_epoch:
        raise Wrong(f"{what} trained {len(run['values'])} epochs; expected {n_epoch}.",
                    cause="n_epoch is ignored: learn.fit(n_epoch, lr)", section=section)
    if run["lr"] is None or abs(float(run["lr"]) - lr) > 1e-9:
        cause = ("fit was called without lr, so fastai used its default learning rate (0.001): "
                 "learn.fit(n_epoch, lr)" if run["lr"] is not None and abs(run["lr"] - 1e-3) < 1e-12
                 else "lr is ignored: learn.fit(n_epoch, lr)")
        raise Wrong(f"{what} trained at learning rate {run['lr']}; expected {lr}.", cause=cause,
                    section=section)


@check(points=2, description="fit_linear and fit_simple_net build the book's models and fit them "
       "for n_epoch epochs at lr, returning the Learner")
def fit_contract(sub):
    data = _small_data(44)
    what = "fit_linear(dls, n_epoch=2, lr=0.5) (with the book's make_learner)"
    run = _fit(sub, "fit_linear", data, 2, 0.5, 4, what, TOGETHER)
    _expect_run(run, 2, 0.5, what, TOGETHER)
    if _linear_params(run["anatomy"]) is None:
        shapes = ", ".join(str(list(v.shape)) for v in run["anatomy"].get("parameters") or [])
        raise Wrong(f"{what}: the model is not nn.Linear(28*28, 1).", got=shapes or "none",
                    cause="learn = make_learner(dls, nn.Linear(28 * 28, 1))", section=TOGETHER)
    what = "fit_simple_net(dls, n_epoch=3, lr=0.05) (with the book's make_learner)"
    run = _fit(sub, "fit_simple_net", data, 3, 0.05, 4, what, NONLINEAR)
    _expect_run(run, 3, 0.05, what, NONLINEAR)
    _net_params(run["anatomy"], run["outputs"], what)


# --- the chapter's runs on MNIST_SAMPLE --------------------------------------------------------------

def _reference_curve(model_fn, n_epoch: int, lr: float) -> list[float] | None:
    """The book's fastai run here, for the curve a failing check shows (fastai imported only
    then); None where it cannot run."""
    try:
        from mnist_ref.book_fastai import fit_fastai_learner
        from mnist_ref.runtime import seed_everything

        data = sample_data()
        seed_everything(SEED)
        return fit_fastai_learner(model_fn(), (data.train_x.cpu(), data.train_y.cpu()),
                                  (data.valid_x.cpu(), data.valid_y.cpu()), linear.mnist_loss,
                                  linear.batch_accuracy, n_epoch, lr, device(), BATCH)
    except Exception:  # noqa: BLE001 - the curve is a courtesy; the verdict stands without it
        return None


def _train(sub, name: str, n_epoch: int, lr: float, stage: str, section: str, accuracy_of,
           model_fn) -> None:
    sub.fn(name)
    data = sample_data()
    shipped = kept(sub, "mnist_sample", lambda: [data.train_x, data.train_y, data.valid_x,
                                                 data.valid_y], alive=name)
    what = (f"{name}(dls, {n_epoch}, {lr}) on MNIST_SAMPLE (the book's DataLoaders, batches of "
            f"{BATCH} shuffled, and make_learner; accuracy measured by the grader)")
    run = _fit(sub, name, shipped, n_epoch, lr, BATCH, what, section)
    _expect_run(run, n_epoch, lr, what, section)
    accuracy = accuracy_of(run, what)
    history = [row[-1] for row in run["values"]]
    try:
        require_accuracy(accuracy, stage, data, what, section,
                         hint="fit_contract and learner_parts test the pieces alone")
    except Wrong as wrong:
        raise with_curve(wrong, history, _reference_curve(model_fn, n_epoch, lr),
                         label="batch_accuracy (from fastai's recorder)") from None


def _linear_accuracy(run: dict, what: str) -> float:
    params = _linear_params(run["anatomy"])
    if params is None:
        raise Wrong(f"{what}: the model is not nn.Linear(28*28, 1).", section=TOGETHER)
    data = sample_data()
    w, b = (p.to(device()).float() for p in params)
    with torch.no_grad():
        return linear.batch_accuracy(data.valid_x @ w.t() + b, data.valid_y).item()


def _net_accuracy(run: dict, what: str) -> float:
    params = [p.to(device()) for p in _net_params(run["anatomy"], run["outputs"], what)]
    data = sample_data()
    with torch.no_grad():
        return linear.batch_accuracy(net.simple_net(data.valid_x, *params), data.valid_y).item()


@check(points=2, description="fit_linear(dls, 10, 1.0) trains nn.Linear on 3s and 7s to the "
       "accuracy recorded for the book's run (slow)", timeout=60)
def linear_trains(sub):
    _train(sub, "fit_linear", *LINEAR_RUN, "linear_fastai", TOGETHER, _linear_accuracy,
           lambda: torch.nn.Linear(28 * 28, 1))


@check(points=2, description="fit_simple_net(dls, 40, 0.1) trains simple_net on 3s and 7s to the "
       "accuracy recorded for the book's run (slow)", timeout=120)
def simple_net_trains(sub):
    _train(sub, "fit_simple_net", *NET_RUN, "simple_net_fastai", NONLINEAR, _net_accuracy,
           net.make_simple_net)
