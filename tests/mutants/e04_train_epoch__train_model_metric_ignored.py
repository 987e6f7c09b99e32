"""train_model calls validate_epoch without metric: it always measures batch_accuracy."""

EXERCISE = "e04_train_epoch"
MUST_FAIL = {"train_model_history": ["metric is ignored"]}


def train_model(model, epochs, lr, params, dl, valid_dl, loss_func=mnist_loss,  # noqa: F821
                metric=batch_accuracy):  # noqa: F821
    history = []
    for _ in range(epochs):
        train_epoch(model, lr, params, dl, loss_func)  # noqa: F821
        history.append(validate_epoch(model, valid_dl))  # noqa: F821
    return history
