"""train_epoch calls calc_grad without loss_func, as in the book: it always trains on mnist_loss."""

EXERCISE = "e04_train_epoch"
MUST_FAIL = {"train_epoch_values": ["loss_func is ignored"]}


def train_epoch(model, lr, params, dl, loss_func=mnist_loss):  # noqa: F821
    for xb, yb in dl:
        calc_grad(xb, yb, model)  # noqa: F821
        for p in params:
            p.data -= p.grad * lr
            p.grad.zero_()
