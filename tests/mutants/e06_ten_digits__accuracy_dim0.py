"""multiclass_accuracy takes the argmax over dim 0 (the batch) instead of the classes."""

EXERCISE = "e06_ten_digits"
MUST_FAIL = {"multiclass_accuracy_values": ["dim 0"], "ten_digits_trains": ["RuntimeError", "dim 0"]}


def multiclass_accuracy(preds, targets):
    return (preds.argmax(dim=0) == targets).float().mean()
