"""Exercise 4's metadata, its book sections and tolerances, shared by the modules of its checks."""

from __future__ import annotations

from autograder.core.exercise import Exercise

TOGETHER = "Putting It All Together"
OPTIM = "Creating an Optimizer"
RTOL, ATOL = 1e-4, 1e-5  # parameters and gradients (float32, a few steps)

EXERCISE = Exercise(
    stem="e04_train_epoch",
    title="Exercise 4: train_epoch",
    section=TOGETHER,
    hints=[
        "Follow the book's section \"Putting It All Together\": calc_grad is three lines, "
        "train_epoch loops over the batches of dl, validate_epoch averages a metric, and "
        "train_model alternates the two. Every loader, parameter and function is an argument.",
        "train_epoch: for xb, yb in dl: calc_grad(xb, yb, model, loss_func), then for p in params: "
        "update p.data (not p itself) against the gradient, scaled by lr, and zero the gradient. "
        "train_model validates on valid_dl after every epoch and returns the list of results.",
        "calc_grad: loss = loss_func(model(xb), yb); loss.backward(); return loss. "
        "train_epoch's step: p.data -= p.grad * lr; p.grad.zero_(). validate_epoch: "
        "round(torch.stack([metric(model(xb), yb) for xb, yb in valid_dl]).mean().item(), 4). "
        "BasicOptim: self.params = list(params); step: p.data -= p.grad.data * self.lr; "
        "zero_grad: p.grad = None.",
    ],
)
check = EXERCISE.check
