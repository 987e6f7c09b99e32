"""predict_3 compares the raw outputs with 0.5, the line of the sigmoid's values."""

EXERCISE = "e03_mnist_loss"
MUST_FAIL = {"predict_3_threshold": ["sigmoid(0) = 0.5"]}


def predict_3(preds):
    return preds > 0.5
