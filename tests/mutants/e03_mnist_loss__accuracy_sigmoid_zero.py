"""batch_accuracy thresholds the sigmoid at 0.0: every image is called a 3."""

EXERCISE = "e03_mnist_loss"
MUST_FAIL = {"batch_accuracy_values": ["threshold 0.0"]}


def batch_accuracy(xb, yb):
    correct = (xb.sigmoid() > 0.0) == yb
    return correct.float().mean()
