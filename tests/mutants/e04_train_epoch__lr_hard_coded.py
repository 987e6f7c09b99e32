"""train_epoch steps with a learning rate of its own (0.1), whatever lr it is given."""

EXERCISE = "e04_train_epoch"
MUST_FAIL = {"train_epoch_values": ["lr is not used as given", "lr=0"],
             "train_model_trains": ["below", "the reference reaches trained the same way"]}


def train_epoch(model, lr, params, dl, loss_func=mnist_loss):  # noqa: F821
    for xb, yb in dl:
        calc_grad(xb, yb, model, loss_func)  # noqa: F821
        for p in params:
            p.data -= p.grad * 0.1
            p.grad.zero_()
