"""accuracy compares raw outputs with 0.5, the threshold for probabilities after a sigmoid."""

EXERCISE = "e03a_accuracy_as_loss"
MUST_FAIL = {"accuracy_values": ["0.5 is the threshold for probabilities"]}


def accuracy(preds, targets):
    return ((preds > 0.5).float() == targets).float().mean().item()
