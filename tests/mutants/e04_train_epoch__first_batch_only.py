"""train_epoch trains on `xb, yb = next(iter(dl))` only, like the book's first test of calc_grad."""

EXERCISE = "e04_train_epoch"
MUST_FAIL = {"train_epoch_values": ["1 of the 3", "next(iter(dl))"],
             "train_model_trains": ["below"]}


def train_epoch(model, lr, params, dl, loss_func=mnist_loss):  # noqa: F821
    xb, yb = next(iter(dl))
    calc_grad(xb, yb, model, loss_func)  # noqa: F821
    for p in params:
        p.data -= p.grad * lr
        p.grad.zero_()
