"""cross_entropy as the total squared error of the probabilities against one-hot targets, summed
over the whole batch: no known value matches, the bounded loss itself is named."""
import torch.nn.functional as F

EXERCISE = "e06_ten_digits"
MUST_FAIL = {"cross_entropy_values": ["bounded loss", "not cross-entropy"],
             "cross_entropy_gradient": ["bounded loss"]}
MAY_FAIL = {"ten_digits_trains"}


def cross_entropy(preds, targets):
    one_hot = F.one_hot(targets, num_classes=preds.shape[1]).float()
    return ((softmax(preds) - one_hot) ** 2).sum()  # noqa: F821 - the solution's softmax
