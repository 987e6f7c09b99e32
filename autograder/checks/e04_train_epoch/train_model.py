"""The checks of ``train_model``: what it returns (with the reference pieces inside), that it uses
every argument it is given, then the student's own pieces together training the book's linear
model on MNIST_SAMPLE.

``train_model_history`` runs the student's ``train_model`` in the worker (probe
``train_model_run``, the reference ``calc_grad``, ``train_epoch``, ``validate_epoch`` and
``BasicOptim`` in the student's module) on a small separable problem, once with the base
arguments and once more for each argument changed alone (``epochs``, ``lr``, ``loss_func``,
``metric``); each run is compared with the reference loop run here with the same arguments, and an
argument whose change changes nothing is named as ignored.

``train_model_trains`` runs the student's ``train_model`` with the student's ``train_epoch`` and
``calc_grad`` (probe ``train_model_real``; the reference ``validate_epoch``) on stage
``linear_sgd``'s set-up from the reference's own start. The grader measures the returned
parameters on its own validation data, requires the worker's measure to agree, and compares with
the reference trained the same way from the same start
(:func:`~autograder.checks.common.linear_reference`), the recorded threshold as a floor.
"""

from __future__ import annotations

import torch

from autograder.checks.common import (
    expect_history,
    linear_accuracy,
    linear_reference,
    linear_start,
    require_like_reference,
    sample_data_in,
    with_cause,
)
from autograder.checks.e04_train_epoch.errors import named_errors
from autograder.checks.e04_train_epoch.exercise import ATOL, RTOL, TOGETHER, check
from autograder.checks.e04_train_epoch.problems import (
    clone_params,
    flat_params,
    linear_model,
    linear_params,
    separable_batches,
    squared_loss,
)
from autograder.checks.e04_train_epoch.train_epoch import known_step_mistake
from autograder.core.feedback import Mistake, Wrong, describe, expect_tensor
from autograder.render.curves import with_curve
from mnist_ref import linear as ref

EPOCHS, LR, BATCH, SEED = 20, 1.0, 256, 42  # stage linear_sgd

#: The grader's side of the probe's named losses and metrics.
_LOSSES = {None: ref.mnist_loss, "squared": squared_loss}


def _mean_output(predictions, targets):
    return predictions.mean()


_METRICS = {None: ref.batch_accuracy, "mean_output": _mean_output}


class _Problem:
    """The small problem of ``train_model_history``: training batches, validation batches whose
    accuracy differs clearly from the training batches', and a start."""

    def __init__(self) -> None:
        self.dl = separable_batches(4, 8, seed=82)
        # the validation set: the same images with the opposite labels, so that accuracy on the
        # training batches and on valid_dl are clearly different numbers (they add up to 1)
        self.valid_dl = [(xb, 1 - yb) for xb, yb in self.dl]
        self.start = linear_params(92)  # accuracies after each epoch all differ

    def reference(self, epochs, lr, loss=None, metric=None, valid=None, validate_first=False):
        """``(history, final params)`` of the reference loop with these arguments."""
        params = clone_params(self.start)
        model, history = linear_model(params), []
        valid = self.valid_dl if valid is None else valid
        for _ in range(epochs):
            if validate_first:
                history.append(ref.validate_epoch(model, valid, _METRICS[metric]))
            ref.train_epoch(model, lr, params, self.dl, _LOSSES[loss])
            if not validate_first:
                history.append(ref.validate_epoch(model, valid, _METRICS[metric]))
        return history, flat_params(params)

    def student(self, sub, epochs, lr, loss=None, metric=None) -> dict:
        with named_errors(sub, _call(epochs, lr, loss, metric), TOGETHER):
            return sub.probe("train_model_run", self.start, self.dl, self.valid_dl, epochs, lr,
                             loss, metric)


def _call(epochs, lr, loss=None, metric=None) -> str:
    """The call as the student would write it."""
    extra = ("" if loss is None else ", loss_func=<a squared-error loss>") + (
        "" if metric is None else ", metric=<the mean output>")
    return f"train_model(model, epochs={epochs}, lr={lr}, params, dl, valid_dl{extra})"


def _as_tensor(values) -> torch.Tensor:
    return torch.tensor(values, dtype=torch.float64)


BASE = {"epochs": 3, "lr": 0.5, "loss": None, "metric": None}
#: Each argument changed alone: what the run then uses, and the sentence when it changes nothing.
VARIED = [
    ("epochs", 2, "epochs is ignored: train_model ran the same number of epochs whatever epochs "
                  "it was given; loop `for _ in range(epochs)`"),
    ("lr", 0.2, "lr is ignored: the parameters end the same whatever lr it is given; pass lr on "
                "to train_epoch (is a learning rate hard-coded?)"),
    ("loss", "squared", "loss_func is ignored: the parameters end the same with another loss; "
                        "pass loss_func on to train_epoch (the book's mnist_loss is only the "
                        "default)"),
    ("metric", "mean_output", "metric is ignored: the accuracies are the same with another "
                              "metric; pass metric on to validate_epoch (batch_accuracy is only "
                              "the default)"),
]


def _history(run) -> list[float] | None:
    """The run's history as floats, or None when it is not a list of numbers."""
    history = run["history"]
    if not isinstance(history, (list, tuple)):
        return None
    try:
        return [float(v) for v in history]
    except (TypeError, ValueError, RuntimeError):
        return None


def _unchanged(name: str, run: dict, base: dict) -> bool:
    """True when changing the argument ``name`` alone changed nothing it must change: the number
    of values (epochs), the values (metric), or the trained parameters (lr, loss_func)."""
    if name == "epochs":
        return (isinstance(run["history"], (list, tuple))
                and isinstance(base["history"], (list, tuple))
                and len(run["history"]) == len(base["history"]))
    if name == "metric":
        return _history(run) is not None and _history(run) == _history(base)
    return torch.equal(flat_params(run["params"]), flat_params(base["params"]))


@check(points=2, description="train_model trains epoch by epoch with the given epochs, lr, "
       "loss_func and metric, and returns the validation metric (on valid_dl) after each epoch")
def train_model_history(sub):
    sub.fn("train_model")
    problem = _Problem()
    base = problem.student(sub, **BASE)
    runs = {name: problem.student(sub, **{**BASE, name: value}) for name, value, _ in VARIED}
    # epochs first: a history of the wrong length says nothing else clearly
    if _unchanged("epochs", runs["epochs"], base):
        raise Wrong(f"{_call(2, BASE['lr'])} returned {len(runs['epochs']['history'])} values, "
                    f"as many as with epochs={BASE['epochs']}.", expected="2 values",
                    cause=VARIED[0][2], section=TOGETHER)

    what = _call(BASE["epochs"], BASE["lr"])
    if torch.equal(flat_params(base["params"]), flat_params(problem.start)):
        raise Wrong(f"the parameters did not change during {what}.", section=TOGETHER,
                    cause="train_model does not train: call train_epoch(model, lr, params, dl, "
                          "loss_func) once per epoch")
    for name, value, ignored in VARIED[1:]:  # an argument that changes nothing is named first
        if _unchanged(name, runs[name], base):
            args = {**BASE, name: value}
            thing = "accuracies" if name == "metric" else "parameters"
            raise Wrong(f"{_call(**args)} gave the same {thing} as {what}.", cause=ignored,
                        section=TOGETHER)
    values = expect_history(base["history"], BASE["epochs"], what, TOGETHER)
    expected, expected_params = problem.reference(BASE["epochs"], BASE["lr"])
    expect_tensor(_as_tensor(values), _as_tensor(expected), atol=1e-4, rtol=0.0,
                  what=f"the accuracies returned by {what}", section=TOGETHER,
                  mistakes=[Mistake("the accuracy is measured on the training batches dl: "
                                    "validate on valid_dl (images the model never trained on)",
                                    _as_tensor(problem.reference(BASE["epochs"], BASE["lr"],
                                                                 valid=problem.dl)[0])),
                            Mistake("each epoch is validated before it trains: validate after "
                                    "train_epoch",
                                    _as_tensor(problem.reference(BASE["epochs"], BASE["lr"],
                                                                 validate_first=True)[0]))],
                  hint="for each epoch: train_epoch(model, lr, params, dl, loss_func), then "
                       "append validate_epoch(model, valid_dl, metric)")
    expect_tensor(flat_params(base["params"]), expected_params, rtol=RTOL, atol=ATOL,
                  what=f"the parameters after {what}", section=TOGETHER,
                  hint="train_epoch once per epoch, over dl, with the lr it is given")
    for name, value, _ in VARIED:
        args = {**BASE, name: value}
        what = _call(**args)
        history, params = problem.reference(**args)
        values = expect_history(runs[name]["history"], args["epochs"], what, TOGETHER)
        expect_tensor(_as_tensor(values), _as_tensor(history), atol=1e-4, rtol=0.0,
                      what=f"the values returned by {what}", section=TOGETHER)
        expect_tensor(flat_params(runs[name]["params"]), params, rtol=RTOL, atol=ATOL,
                      what=f"the parameters after {what}", section=TOGETHER)


@check(points=2, description="your train_model (with your train_epoch and calc_grad) trains the "
       "book's linear model on real 3s and 7s like the reference trained the same way", timeout=60)
def train_model_trains(sub):
    sub.fn("train_model")
    reference = linear_reference(EPOCHS, LR, SEED)  # trains here while the worker trains
    what = ("the book's linear model (reference init_params, linear1, mnist_loss) trained by your "
            f"train_model for {EPOCHS} epochs at lr {LR}, batch {BATCH}, then measured by the "
            "reference validate_epoch")
    with named_errors(sub, f"your train_model (with your train_epoch and calc_grad), {EPOCHS} "
                      f"epochs on MNIST_SAMPLE,", TOGETHER):
        run = sub.probe("train_model_real", sample_data_in(sub), *linear_start(SEED), EPOCHS,
                        LR, BATCH, SEED)
    reference = reference.result()
    data = reference.data
    accuracy = linear_accuracy(run.get("params") if isinstance(run, dict) else run, data, what,
                               TOGETHER)
    measured = run.get("measured")
    if not isinstance(measured, float) or abs(measured - accuracy) > 1e-4:
        raise Wrong(f"{what}: the run measured an accuracy that its trained parameters do not "
                    f"give (they give {accuracy:.4f} on the grader's own validation data).",
                    got=describe(measured), cause="something in your file changed the grader's "
                    "training run (a patched function or a global setting)", section=TOGETHER)
    try:
        require_like_reference(accuracy, reference.accuracy, "linear_sgd", data, what, TOGETHER,
                               hint="check train_epoch and calc_grad first: their own checks say "
                                    "more")
    except Wrong as wrong:  # the run's curve beside the reference's, with a diagnosis
        raise with_curve(with_cause(wrong, known_step_mistake(sub)), run.get("history"),
                         reference.history) from None
