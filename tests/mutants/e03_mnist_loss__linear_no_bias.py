"""linear1 without the bias."""

EXERCISE = "e03_mnist_loss"
MUST_FAIL = {"linear1_values": ["bias is missing"]}


def linear1(xb, weights, bias):
    return xb @ weights
