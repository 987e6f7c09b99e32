"""nudge adds the factor instead of multiplying by it."""

import torch

EXERCISE = "e03a_accuracy_as_loss"
MUST_FAIL = {"nudge_in_place": ["factor was added"]}


def nudge(weights, index, factor):
    with torch.no_grad():
        weights[index] += factor
