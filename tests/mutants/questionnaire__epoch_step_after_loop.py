"""q25: the step is outside the batch loop: one step per epoch with the summed gradients."""
import torch

EXERCISE = "questionnaire"
MUST_FAIL = {"one_epoch": ["after the loop"]}


def one_epoch(model, loss_func, params, dl, lr):
    for xb, yb in dl:
        loss_func(model(xb), yb).backward()
    with torch.no_grad():
        for p in params:
            p -= lr * p.grad
            p.grad.zero_()
