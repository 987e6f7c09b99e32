"""train_model validates each epoch before training it: the history lags one epoch behind."""

EXERCISE = "e04_train_epoch"
MUST_FAIL = {"train_model_history": ["before it trains"]}


def train_model(model, epochs, lr, params, dl, valid_dl, loss_func=mnist_loss,  # noqa: F821
                metric=batch_accuracy):  # noqa: F821
    history = []
    for _ in range(epochs):
        history.append(validate_epoch(model, valid_dl, metric))  # noqa: F821
        train_epoch(model, lr, params, dl, loss_func)  # noqa: F821
    return history
