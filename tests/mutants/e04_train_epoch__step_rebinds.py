"""train_epoch computes `p = p - lr * p.grad`, which rebinds the loop variable: nothing trains."""
import torch

EXERCISE = "e04_train_epoch"
MUST_FAIL = {"train_epoch_values": ["did not change"], "train_model_trains": ["below"]}


def train_epoch(model, lr, params, dl, loss_func=mnist_loss):  # noqa: F821
    for xb, yb in dl:
        calc_grad(xb, yb, model, loss_func)  # noqa: F821
        with torch.no_grad():
            for p in params:
                p = p - lr * p.grad
        for p in params:
            p.grad.zero_()
