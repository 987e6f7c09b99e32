"""q25: one epoch that never zeroes the gradients: each step adds in the earlier batches'."""
import torch

EXERCISE = "questionnaire"
MUST_FAIL = {"one_epoch": ["never zeroed"]}


def one_epoch(model, loss_func, params, dl, lr):
    for xb, yb in dl:
        loss_func(model(xb), yb).backward()
        with torch.no_grad():
            for p in params:
                p -= lr * p.grad
