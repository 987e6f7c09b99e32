"""validate_epoch always measures batch_accuracy, whatever metric it is given."""
import torch

EXERCISE = "e04_train_epoch"
MUST_FAIL = {"validate_epoch_values": ["metric argument is ignored"]}


def validate_epoch(model, valid_dl, metric=batch_accuracy):  # noqa: F821
    accs = [batch_accuracy(model(xb), yb) for xb, yb in valid_dl]  # noqa: F821
    return round(torch.stack(accs).mean().item(), 4)
