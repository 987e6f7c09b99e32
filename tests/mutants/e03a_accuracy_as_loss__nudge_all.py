"""nudge multiplies every weight, not only weights[index]."""

import torch

EXERCISE = "e03a_accuracy_as_loss"
MUST_FAIL = {"nudge_in_place": ["every weight was multiplied"]}


def nudge(weights, index, factor):
    with torch.no_grad():
        weights *= factor
