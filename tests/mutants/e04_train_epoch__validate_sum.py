"""validate_epoch adds up the batch metrics instead of averaging them."""
import torch

EXERCISE = "e04_train_epoch"
MUST_FAIL = {"validate_epoch_values": ["summed"]}


def validate_epoch(model, valid_dl, metric=batch_accuracy):  # noqa: F821
    accs = [metric(model(xb), yb) for xb, yb in valid_dl]
    return round(torch.stack(accs).sum().item(), 4)
