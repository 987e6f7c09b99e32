"""Other correct ways: the sigmoid above 0.5 (the same as a raw output above 0.0), a 0-d tensor
for the accuracy, mul_ under no_grad, a list of four numbers, a loss written out."""

import torch

EXERCISE = "e03a_accuracy_as_loss"


def accuracy(preds, targets):
    return ((preds.sigmoid() > 0.5) == targets.bool()).float().mean()


def nudge(weights, index, factor):
    with torch.no_grad():
        weights[index].mul_(factor)


def nudge_experiment(x, y, weights, bias, index, factor):
    def measure():
        preds = torch.addmm(bias, x, weights)
        probs = torch.sigmoid(preds)
        loss = torch.where(y == 1, 1 - probs, probs).mean()
        return float(accuracy(preds, y)), float(loss)

    acc_before, loss_before = measure()
    nudge(weights, index, factor)
    acc_after, loss_after = measure()
    return [acc_before, acc_after, loss_before, loss_after]


def why_not_accuracy():
    return " B "


def slopes(x, y, weights, bias, indices, eps=1e-3):
    def measure():
        preds = x @ weights + bias
        return float(accuracy(preds, y)), mnist_loss(preds, y).item()  # noqa: F821 - given

    start = measure()
    found = []
    for i in indices:
        weights.data[i] += eps
        found.append([(after - before) / eps for after, before in zip(measure(), start)])
        weights.data[i] -= eps
    return [a for a, _ in found], [b for _, b in found]
