"""nudge_experiment returns the losses as tensors (no .item())."""

EXERCISE = "e03a_accuracy_as_loss"
MUST_FAIL = {"experiment_real_data": [".item()"]}


def nudge_experiment(x, y, weights, bias, index, factor):
    preds = x @ weights + bias
    acc_before, loss_before = accuracy(preds, y), mnist_loss(preds, y).detach()  # noqa: F821
    nudge(weights, index, factor)  # noqa: F821
    preds = x @ weights + bias
    return acc_before, accuracy(preds, y), loss_before, mnist_loss(preds, y).detach()  # noqa: F821
