"""train_ten_digits ignores its lr argument and always steps by 0.1 (the default of the checks)."""
import torch

EXERCISE = "e06_ten_digits"
MUST_FAIL = {"train_loop_contract": ["lr is ignored"]}


def train_ten_digits(model, dls, epochs, lr):
    history = []
    for _ in range(epochs):
        for xb, yb in dls.train:
            cross_entropy(model(xb), yb).backward()  # noqa: F821 - the solution's
            with torch.no_grad():
                for p in model.parameters():
                    p -= p.grad * 0.1
                    p.grad.zero_()
        with torch.no_grad():
            accs = [multiclass_accuracy(model(xb), yb) for xb, yb in dls.valid]  # noqa: F821
        history.append(torch.stack(accs).mean().item())
    return history
