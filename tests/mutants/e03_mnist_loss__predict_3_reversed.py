"""predict_3 calls the negative raw outputs 3s: the convention (1 for a 3) read backwards."""

EXERCISE = "e03_mnist_loss"
MUST_FAIL = {"predict_3_threshold": ["reversed", "pushes the raw outputs of 3s up"]}


def predict_3(preds):
    return preds < 0
