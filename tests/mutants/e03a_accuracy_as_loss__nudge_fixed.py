"""nudge always nudges the weight and by the factor of the exercise's example (406, 1.01)."""

import torch

EXERCISE = "e03a_accuracy_as_loss"
MUST_FAIL = {"nudge_in_place": ["index and factor are ignored"]}


def nudge(weights, index, factor):
    with torch.no_grad():
        weights[406] *= 1.01
