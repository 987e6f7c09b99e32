"""cross_entropy written as a squared error between the softmax and one-hot targets: a different
loss (mean squared error), which barely punishes a confident wrong answer."""
import torch.nn.functional as F

EXERCISE = "e06_ten_digits"
MUST_FAIL = {"cross_entropy_values": ["squared error", "different loss"],
             "cross_entropy_gradient": ["squared error"]}
MAY_FAIL = {"ten_digits_trains"}


def cross_entropy(preds, targets):
    one_hot = F.one_hot(targets, num_classes=10).float()
    return ((softmax(preds) - one_hot) ** 2).mean()  # noqa: F821 - the solution's softmax
