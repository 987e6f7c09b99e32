"""train_epoch steps by the raw gradient: lr is ignored (unnoticed at the book's lr of 1.0)."""

EXERCISE = "e04_train_epoch"
MUST_FAIL = {"train_epoch_values": ["lr is ignored"]}


def train_epoch(model, lr, params, dl, loss_func=mnist_loss):  # noqa: F821
    for xb, yb in dl:
        calc_grad(xb, yb, model, loss_func)  # noqa: F821
        for p in params:
            p.data -= p.grad
            p.grad.zero_()
