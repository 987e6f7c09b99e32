"""The step under torch.no_grad() on the parameter itself, gradients set to None, no .data."""
import torch

EXERCISE = "e04_train_epoch"


def train_epoch(model, lr, params, dl, loss_func=mnist_loss):  # noqa: F821
    for xb, yb in dl:
        calc_grad(xb, yb, model, loss_func)  # noqa: F821
        with torch.no_grad():
            for p in params:
                p -= p.grad * lr
                p.grad = None


def calc_grad(xb, yb, model, loss_func=mnist_loss):  # noqa: F821
    preds = model(xb)
    loss = loss_func(preds, yb)
    loss.backward()
    return loss
