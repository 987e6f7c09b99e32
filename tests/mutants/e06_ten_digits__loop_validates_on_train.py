"""train_ten_digits measures the accuracy on the training batches instead of dls.valid."""
import torch

EXERCISE = "e06_ten_digits"
MUST_FAIL = {"train_loop_contract": ["dls.valid"],
             "ten_digits_trains": ["not the one of the trained model on dls.valid"]}


def train_ten_digits(model, dls, epochs, lr):
    history = []
    for _ in range(epochs):
        for xb, yb in dls.train:
            loss = cross_entropy(model(xb), yb)  # noqa: F821 - the solution's
            loss.backward()
            with torch.no_grad():
                for p in model.parameters():
                    p -= p.grad * lr
                    p.grad.zero_()
        with torch.no_grad():
            accs = [multiclass_accuracy(model(xb), yb) for xb, yb in dls.train]  # noqa: F821
        history.append(torch.stack(accs).mean().item())
    return history
