"""The checks of ``train_model``: what it returns (with the reference pieces inside), then the
student's own pieces together training the book's linear model on MNIST_SAMPLE.
"""

from __future__ import annotations

import torch

from autograder.checks.common import book_linear, expect_history, require_accuracy, substituted
from autograder.checks.e04_train_epoch.exercise import TOGETHER, check
from autograder.checks.e04_train_epoch.problems import (
    clone_params,
    linear_model,
    linear_params,
    separable_batches,
)
from autograder.core.feedback import Mistake, expect_tensor
from mnist_ref import linear as ref


@check(points=2, description="train_model trains epoch by epoch and returns the validation "
       "accuracy (on valid_dl) after each epoch")
def train_model_history(sub):
    train_model = sub.fn("train_model")
    epochs, lr = 3, 0.5
    dl = separable_batches(4, 8, seed=82)
    # the validation set: the same images with the opposite labels, so that accuracy on the
    # training batches and on valid_dl are clearly different numbers (they add up to 1)
    valid_dl = [(xb, 1 - yb) for xb, yb in dl]
    start = linear_params(92)  # accuracies after each epoch all differ, on dl and on valid_dl

    def reference(valid, validate_first=False):
        params = clone_params(start)
        model, history = linear_model(params), []
        for _ in range(epochs):
            if validate_first:
                history.append(ref.validate_epoch(model, valid))
            ref.train_epoch(model, lr, params, dl)
            if not validate_first:
                history.append(ref.validate_epoch(model, valid))
        return history

    expected = reference(valid_dl)
    params = clone_params(start)
    with substituted(sub, calc_grad=ref.calc_grad, train_epoch=ref.train_epoch,
                     validate_epoch=ref.validate_epoch, BasicOptim=ref.BasicOptim):
        got = train_model(linear_model(params), epochs, lr, params, dl, valid_dl)
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
    run = book_linear()  # stage linear_sgd's set-up: seed 42, reference init_params, batches of 256
    train_model(run.model, 20, 1.0, run.params, run.dls.train, run.dls.valid)
    accuracy = ref.validate_epoch(run.model, run.dls.valid)
    require_accuracy(accuracy, "linear_sgd", run.data,
                     "the book's linear model (reference init_params, linear1, mnist_loss) trained "
                     "by your train_model for 20 epochs at lr 1.0, batch 256, then measured by the "
                     "reference validate_epoch", TOGETHER,
                     hint="check train_epoch and calc_grad first: their own checks say more")
