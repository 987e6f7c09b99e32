"""Accuracy used as the loss: thresholding gives a zero gradient, so nothing is learnt."""

EXERCISE = "e03_mnist_loss"
MUST_FAIL = {
    "mnist_loss_values": ["accuracy"],
    "mnist_loss_gradient": ["cannot differentiate"],
    "mnist_loss_trains": ["element 0 of tensors does not require grad"],
}


def mnist_loss(predictions, targets):
    correct = (predictions.sigmoid() > 0.5).float() == targets
    return 1 - correct.float().mean()
