"""mnist_distance with the module nn.L1Loss(reduction="none"), which calls F.l1_loss: the stub's
rule forbids it."""
from torch import nn

EXERCISE = "e02_distances"
MUST_FAIL = {
    "mnist_distance_batch": ["F.l1_loss is not allowed", "write the distances yourself"],
    "mnist_distance_single": ["F.l1_loss is not allowed", "write the distances yourself"],
    "distances_by_hand": ["F.l1_loss is not allowed", "write the distances yourself"],
    "accuracy_real_data": ["F.l1_loss is not allowed", "write the distances yourself"],
}


def mnist_distance(a, b):
    return nn.L1Loss(reduction="none")(a, b.expand_as(a)).mean((-1, -2))
