"""train_epoch steps the parameters but never zeroes the gradients: they pile up batch by batch."""

EXERCISE = "e04_train_epoch"
# (the real-data training still reaches the threshold: mnist_loss saturates, so the piled-up
# gradients act like a heavy momentum; the small checks see the mistake)
MUST_FAIL = {"train_epoch_values": ["never zeroed"], "train_epoch_zeroes_grads": ["pile up"]}


def train_epoch(model, lr, params, dl, loss_func=mnist_loss):  # noqa: F821
    for xb, yb in dl:
        calc_grad(xb, yb, model, loss_func)  # noqa: F821
        for p in params:
            p.data -= p.grad * lr
