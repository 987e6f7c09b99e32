"""multiclass_accuracy takes the argmax over dim 0 (the batch) instead of the classes."""

EXERCISE = "e06_ten_digits"
MUST_FAIL = {"multiclass_accuracy_values": ["dim 0"], "train_loop_contract": ["RuntimeError"],
             "ten_digits_trains": ["RuntimeError"]}


def multiclass_accuracy(preds, targets):
    return (preds.argmax(dim=0) == targets).float().mean()
