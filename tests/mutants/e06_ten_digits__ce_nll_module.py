"""cross_entropy with nn.NLLLoss on the student's log_softmax: nn.NLLLoss calls F.nll_loss, which
the stub forbids (it is the loss being written)."""
from torch import nn

EXERCISE = "e06_ten_digits"
MUST_FAIL = {"cross_entropy_values": ["F.nll_loss is not allowed", "yourself"],
             "cross_entropy_gradient": ["F.nll_loss is not allowed"],
             "ten_digits_trains": ["F.nll_loss is not allowed"]}


def cross_entropy(preds, targets):
    return nn.NLLLoss()(log_softmax(preds), targets)  # noqa: F821 - the solution's log_softmax
