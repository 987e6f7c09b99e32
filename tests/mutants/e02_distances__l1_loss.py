"""mnist_distance with F.l1_loss (reduction='none'): right values, but the stub's rule forbids it,
so every check that calls it fails with the rule (is_3's and the synthetic accuracy's run the
reference mnist_distance, and pass)."""
import torch.nn.functional as F

EXERCISE = "e02_distances"
MUST_FAIL = {
    "mnist_distance_batch": ["F.l1_loss is not allowed", "write the distances yourself"],
    "mnist_distance_single": ["F.l1_loss is not allowed", "write the distances yourself"],
    "distances_by_hand": ["F.l1_loss is not allowed", "write the distances yourself"],
    "accuracy_real_data": ["F.l1_loss is not allowed", "write the distances yourself"],
}


def mnist_distance(a, b):
    return F.l1_loss(a, b.expand_as(a), reduction="none").mean((-1, -2))
