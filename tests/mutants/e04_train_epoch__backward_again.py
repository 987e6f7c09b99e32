"""train_epoch calls backward() again on the loss that calc_grad returns (calc_grad already did)."""

EXERCISE = "e04_train_epoch"
MUST_FAIL = {"train_epoch_values": ["second time"], "train_epoch_zeroes_grads": ["second time"],
             "train_model_trains": ["second time"]}


def train_epoch(model, lr, params, dl, loss_func=mnist_loss):  # noqa: F821
    for xb, yb in dl:
        loss = calc_grad(xb, yb, model, loss_func)  # noqa: F821
        loss.backward()
        for p in params:
            p.data -= p.grad * lr
            p.grad.zero_()
