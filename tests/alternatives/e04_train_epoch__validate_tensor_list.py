"""validate_epoch with a list comprehension of floats, torch.tensor, and no rounding; the model
is evaluated without torch.no_grad() (detaching instead)."""
import torch

EXERCISE = "e04_train_epoch"


def validate_epoch(model, valid_dl, metric=batch_accuracy):  # noqa: F821
    accs = torch.tensor([metric(model(xb).detach(), yb).item() for xb, yb in valid_dl])
    return accs.mean().item()
