"""train_epoch unpacks params into weights and bias, steps the weights only (both gradients are
zeroed): the bias keeps its random start."""

EXERCISE = "e04_train_epoch"
MUST_FAIL = {"train_epoch_values": ["bias never moved"]}


def train_epoch(model, lr, params, dl, loss_func=mnist_loss):  # noqa: F821
    weights, bias = params
    for xb, yb in dl:
        calc_grad(xb, yb, model, loss_func)  # noqa: F821
        weights.data -= weights.grad * lr
        weights.grad.zero_()
        bias.grad.zero_()
