"""train_model runs the book's 20 epochs, whatever epochs it is given."""

EXERCISE = "e04_train_epoch"
MUST_FAIL = {"train_model_history": ["epochs is ignored"]}


def train_model(model, epochs, lr, params, dl, valid_dl, loss_func=mnist_loss,  # noqa: F821
                metric=batch_accuracy):  # noqa: F821
    history = []
    for _ in range(20):
        train_epoch(model, lr, params, dl, loss_func)  # noqa: F821
        history.append(validate_epoch(model, valid_dl, metric))  # noqa: F821
    return history
