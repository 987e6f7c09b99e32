"""torch.optim.SGD inside the loop, model.train()/eval(), and a validation accuracy weighted by
batch size; the accuracy counted with sum() / numel()."""
import torch

EXERCISE = "e06_ten_digits"


def multiclass_accuracy(preds, targets):
    return (preds.argmax(dim=1) == targets).sum() / targets.numel()


def train_ten_digits(model, dls, epochs, lr):
    opt = torch.optim.SGD(model.parameters(), lr=lr)
    history = []
    for _epoch in range(epochs):
        model.train()
        for xb, yb in dls.train:
            opt.zero_grad()
            loss = cross_entropy(model(xb), yb)  # noqa: F821 - the solution's
            loss.backward()
            opt.step()
        model.eval()
        right = total = 0
        with torch.no_grad():
            for xb, yb in dls.valid:
                right += multiclass_accuracy(model(xb), yb).item() * len(yb)
                total += len(yb)
        history.append(right / total)
    return history
