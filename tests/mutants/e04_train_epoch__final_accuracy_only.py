"""train_model prints each epoch's accuracy and returns only the last one."""

EXERCISE = "e04_train_epoch"
MUST_FAIL = {"train_model_history": ["single number", "list"]}


def train_model(model, epochs, lr, params, dl, valid_dl, loss_func=mnist_loss,  # noqa: F821
                metric=batch_accuracy):  # noqa: F821
    for _ in range(epochs):
        train_epoch(model, lr, params, dl, loss_func)  # noqa: F821
        acc = validate_epoch(model, valid_dl, metric)  # noqa: F821
    return acc
