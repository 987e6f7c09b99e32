"""nudge_experiment measures the "after" numbers on the predictions made before the nudge."""

EXERCISE = "e03a_accuracy_as_loss"
MUST_FAIL = {"experiment_real_data": ["predict again after nudging"]}


def nudge_experiment(x, y, weights, bias, index, factor):
    preds = x @ weights + bias
    acc_before, loss_before = accuracy(preds, y), mnist_loss(preds, y).item()  # noqa: F821
    nudge(weights, index, factor)  # noqa: F821
    return acc_before, accuracy(preds, y), loss_before, mnist_loss(preds, y).item()  # noqa: F821
