"""validate_epoch weights each batch's metric by its size (the exact mean over images), returns a
0-d tensor; train_epoch with zip(*batch) unpacking style and an explicit list of params."""
import torch

EXERCISE = "e04_train_epoch"


def validate_epoch(model, valid_dl, metric=batch_accuracy):  # noqa: F821
    total, count = torch.tensor(0.0), 0
    with torch.no_grad():
        for xb, yb in valid_dl:
            total += metric(model(xb), yb).cpu() * len(xb)
            count += len(xb)
    return total / count


def train_epoch(model, lr, params, dl, loss_func=mnist_loss):  # noqa: F821
    params = list(params)
    for batch in dl:
        xb, yb = batch
        calc_grad(xb, yb, model, loss_func=loss_func)  # noqa: F821
        with torch.no_grad():
            for p in params:
                p.sub_(p.grad * lr)
        for p in params:
            p.grad.zero_()
