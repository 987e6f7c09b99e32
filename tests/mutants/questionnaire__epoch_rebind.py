"""q25: `p = p - lr * p.grad` rebinds the loop variable: the parameters never change."""
import torch

EXERCISE = "questionnaire"
MUST_FAIL = {"one_epoch": ["did not change"]}


def one_epoch(model, loss_func, params, dl, lr):
    for xb, yb in dl:
        loss_func(model(xb), yb).backward()
        with torch.no_grad():
            for p in params:
                p = p - lr * p.grad
                p.grad = None
