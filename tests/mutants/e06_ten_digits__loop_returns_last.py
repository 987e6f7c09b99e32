"""train_ten_digits returns only the last epoch's accuracy, not the list."""
import torch

EXERCISE = "e06_ten_digits"
MUST_FAIL = {"train_loop_contract": ["single number"]}


def train_ten_digits(model, dls, epochs, lr):
    acc = 0.0
    for _ in range(epochs):
        for xb, yb in dls.train:
            loss = cross_entropy(model(xb), yb)  # noqa: F821 - the solution's
            loss.backward()
            with torch.no_grad():
                for p in model.parameters():
                    p -= p.grad * lr
                    p.grad.zero_()
        with torch.no_grad():
            accs = [multiclass_accuracy(model(xb), yb) for xb, yb in dls.valid]  # noqa: F821
        acc = torch.stack(accs).mean().item()
    return acc
