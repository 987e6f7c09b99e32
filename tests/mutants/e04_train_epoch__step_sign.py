"""train_epoch adds the gradient (gradient ascent): the loss goes up."""

EXERCISE = "e04_train_epoch"
MUST_FAIL = {"train_epoch_values": ["wrong way"], "train_model_trains": ["below"]}


def train_epoch(model, lr, params, dl, loss_func=mnist_loss):  # noqa: F821
    for xb, yb in dl:
        calc_grad(xb, yb, model, loss_func)  # noqa: F821
        for p in params:
            p.data += p.grad * lr
            p.grad.zero_()
