"""batch_accuracy thresholds the raw outputs at 0.5, forgetting the sigmoid."""

EXERCISE = "e03_mnist_loss"
MUST_FAIL = {"batch_accuracy_values": ["raw outputs"]}


def batch_accuracy(xb, yb):
    correct = (xb > 0.5) == yb
    return correct.float().mean()
