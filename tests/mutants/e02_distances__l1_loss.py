"""mnist_distance with F.l1_loss (reduction='none'): right values, but the exercise forbids it."""
import torch.nn.functional as F

EXERCISE = "e02_distances"
MUST_FAIL = {'distances_by_hand': ['l1_loss']}


def mnist_distance(a, b):
    return F.l1_loss(a, b.expand_as(a), reduction="none").mean((-1, -2))
