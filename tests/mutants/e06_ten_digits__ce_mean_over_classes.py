"""cross_entropy averages one_hot * log_probs over all N x 10 entries: the loss divided by 10."""
import torch.nn.functional as F

EXERCISE = "e06_ten_digits"
MUST_FAIL = {"cross_entropy_values": ["averaged over the classes"],
             "cross_entropy_gradient": ["averaged over the classes"]}
MAY_FAIL = {"ten_digits_trains"}


def cross_entropy(preds, targets):
    one_hot = F.one_hot(targets, num_classes=preds.shape[1]).float()
    return -(one_hot * log_softmax(preds)).mean()  # noqa: F821 - the solution's log_softmax
