"""train_model calls train_epoch without loss_func: it always trains on the default mnist_loss."""

EXERCISE = "e04_train_epoch"
MUST_FAIL = {"train_model_history": ["loss_func is ignored"]}


def train_model(model, epochs, lr, params, dl, valid_dl, loss_func=mnist_loss,  # noqa: F821
                metric=batch_accuracy):  # noqa: F821
    history = []
    for _ in range(epochs):
        train_epoch(model, lr, params, dl)  # noqa: F821
        history.append(validate_epoch(model, valid_dl, metric))  # noqa: F821
    return history
