"""accuracy calls a raw output below 0.0 a 3."""

EXERCISE = "e03a_accuracy_as_loss"
MUST_FAIL = {"accuracy_values": ["reversed"]}


def accuracy(preds, targets):
    return ((preds < 0.0).float() == targets).float().mean().item()
