"""train_epoch scales the gradient by lr, then scales the step by lr again: each step is
lr * lr * grad (unnoticed at the book's lr of 1.0)."""

EXERCISE = "e04_train_epoch"
MUST_FAIL = {"train_epoch_values": ["applied twice", "lr * lr"]}


def train_epoch(model, lr, params, dl, loss_func=mnist_loss):  # noqa: F821
    for xb, yb in dl:
        calc_grad(xb, yb, model, loss_func)  # noqa: F821
        for p in params:
            step = p.grad * lr
            p.data -= step * lr
            p.grad.zero_()
