"""train_model trains at the book's lr of 1.0, whatever lr it is given."""

EXERCISE = "e04_train_epoch"
MUST_FAIL = {"train_model_history": ["lr is ignored"]}


def train_model(model, epochs, lr, params, dl, valid_dl, loss_func=mnist_loss,  # noqa: F821
                metric=batch_accuracy):  # noqa: F821
    history = []
    for _ in range(epochs):
        train_epoch(model, 1.0, params, dl, loss_func)  # noqa: F821
        history.append(validate_epoch(model, valid_dl, metric))  # noqa: F821
    return history
