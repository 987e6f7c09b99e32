"""The book's code typed as chapter 4 prints it (``corrects``, ``weights[0] *= 1.0001`` made a
function of index and factor on ``.data``), its globals made arguments."""

EXERCISE = "e03a_accuracy_as_loss"


def accuracy(preds, targets):
    corrects = (preds>0.0).float() == targets
    return corrects.float().mean().item()


def nudge(weights, index, factor):
    weights.data[index] *= factor


def nudge_experiment(x, y, weights, bias, index, factor):
    def linear1(xb): return xb@weights + bias
    preds = linear1(x)
    before = (accuracy(preds, y), mnist_loss(preds, y).item())  # noqa: F821 - given in the file
    nudge(weights, index, factor)
    preds = linear1(x)
    return before[0], accuracy(preds, y), before[1], mnist_loss(preds, y).item()  # noqa: F821


def why_not_accuracy(): return "b"
