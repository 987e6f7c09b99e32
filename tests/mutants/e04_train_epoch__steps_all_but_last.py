"""train_epoch loops over params[:-1] (an off-by-one): the bias is never stepped, and its gradient
is never zeroed either."""

EXERCISE = "e04_train_epoch"
MUST_FAIL = {"train_epoch_values": ["bias never moved"], "train_epoch_zeroes_grads": ["bias", "piles up"]}


def train_epoch(model, lr, params, dl, loss_func=mnist_loss):  # noqa: F821
    for xb, yb in dl:
        calc_grad(xb, yb, model, loss_func)  # noqa: F821
        for p in params[:-1]:
            p.data -= p.grad * lr
            p.grad.zero_()
