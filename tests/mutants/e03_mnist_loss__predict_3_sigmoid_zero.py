"""predict_3 thresholds the sigmoid at 0.0: every image is called a 3."""

EXERCISE = "e03_mnist_loss"
MUST_FAIL = {"predict_3_threshold": ["always above 0"]}


def predict_3(preds):
    return preds.sigmoid() > 0
