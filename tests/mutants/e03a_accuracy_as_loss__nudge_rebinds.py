"""nudge makes a new tensor and binds it to its own name: the caller's weights never change."""

import torch

EXERCISE = "e03a_accuracy_as_loss"
MUST_FAIL = {"nudge_in_place": ["did not change"]}


def nudge(weights, index, factor):
    with torch.no_grad():
        weights = weights.clone()
        weights[index] = weights[index] * factor
    return weights
