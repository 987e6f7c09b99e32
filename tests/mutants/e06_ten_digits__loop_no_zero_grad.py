"""train_ten_digits never zeroes the gradients: they pile up from batch to batch."""
import torch

EXERCISE = "e06_ten_digits"
MUST_FAIL = {"train_loop_contract": ["never zeroed"], "ten_digits_trains": ["below", "never zeroed"]}


def train_ten_digits(model, dls, epochs, lr):
    history = []
    for _ in range(epochs):
        for xb, yb in dls.train:
            loss = cross_entropy(model(xb), yb)  # noqa: F821 - the solution's
            loss.backward()
            with torch.no_grad():
                for p in model.parameters():
                    p -= p.grad * lr
        with torch.no_grad():
            accs = [multiclass_accuracy(model(xb), yb) for xb, yb in dls.valid]  # noqa: F821
        history.append(torch.stack(accs).mean().item())
    return history
