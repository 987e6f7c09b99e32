"""validate_epoch overwrites its result in the loop: it returns the last batch's metric."""

EXERCISE = "e04_train_epoch"
MUST_FAIL = {"validate_epoch_values": ["last batch"]}


def validate_epoch(model, valid_dl, metric=batch_accuracy):  # noqa: F821
    for xb, yb in valid_dl:
        acc = metric(model(xb), yb)
    return round(acc.item(), 4)
