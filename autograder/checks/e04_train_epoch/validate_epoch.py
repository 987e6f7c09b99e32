"""The check of ``validate_epoch``: the mean of the metric over the validation batches.

The probe ``validate_run`` calls the student's ``validate_epoch`` in the worker with a model that
returns its input (so the batches are the raw outputs the metric sees) and the default metric or
another one; the expected means are computed here.
"""

from __future__ import annotations

import torch

from autograder.checks.common import device
from autograder.checks.e04_train_epoch.exercise import TOGETHER, check
from autograder.core.feedback import Mistake, expect_number
from mnist_ref import linear as ref


@check(points=1, description="validate_epoch returns the mean of the metric over the validation "
       "batches, as a number")
def validate_epoch_values(sub):
    sub.fn("validate_epoch")
    # four batches of four raw outputs [4, 1]: batch_accuracy gives 0.25, 0.75, 1.0 and 0.5
    outputs = torch.tensor([[2.0, -1.0, -3.0, 1.0], [1.5, -2.0, 0.5, 0.7],
                            [-1.0, 2.0, 3.0, -0.5], [0.2, 0.4, -0.3, -0.9]], device=device())
    targets = torch.tensor([[1.0, 1.0, 1.0, 0.0], [1.0, 0.0, 1.0, 0.0],
                            [0.0, 1.0, 1.0, 0.0], [1.0, 0.0, 1.0, 0.0]], device=device())
    valid_dl = [(o.unsqueeze(1), t.unsqueeze(1)) for o, t in zip(outputs, targets, strict=True)]
    accs = [float(ref.batch_accuracy(o, t)) for o, t in valid_dl]

    # the model returns its inputs, so the batches above are its outputs; "mean_output", a metric
    # that is not the default one, is the mean raw output
    for metric, values, label in (
        (None, accs, "the default metric (batch_accuracy)"),
        ("mean_output", [float(o.mean()) for o in outputs], "a metric passed as third argument"),
    ):
        got = sub.probe("validate_run", valid_dl, metric)
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

