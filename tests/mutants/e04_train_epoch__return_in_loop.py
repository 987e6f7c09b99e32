"""train_epoch's `return` is indented inside the batch loop: the epoch stops after one batch."""

EXERCISE = "e04_train_epoch"
MUST_FAIL = {"train_epoch_values": ["1 of the 3", "return"], "train_model_trains": ["below"]}


def train_epoch(model, lr, params, dl, loss_func=mnist_loss):  # noqa: F821
    for xb, yb in dl:
        loss = calc_grad(xb, yb, model, loss_func)  # noqa: F821
        for p in params:
            p.data -= p.grad * lr
            p.grad.zero_()
        return loss
