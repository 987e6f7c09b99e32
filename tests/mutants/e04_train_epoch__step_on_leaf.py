"""train_epoch updates the parameter itself in place (`p -= p.grad * lr`), inside autograd."""

EXERCISE = "e04_train_epoch"
MUST_FAIL = {"train_epoch_values": ["leaf Variable"], "train_epoch_zeroes_grads": ["leaf Variable"],
             "train_model_trains": ["leaf Variable"]}


def train_epoch(model, lr, params, dl, loss_func=mnist_loss):  # noqa: F821
    for xb, yb in dl:
        calc_grad(xb, yb, model, loss_func)  # noqa: F821
        for p in params:
            p -= p.grad * lr
            p.grad.zero_()
