"""The loop zeroes the gradients before backward() with opt.zero_grad(), measures the validation
accuracy weighted by batch size; the stable softmax through torch.logsumexp."""
import torch

EXERCISE = "e06_ten_digits"


def softmax(x):
    return torch.exp(x - torch.logsumexp(x, dim=-1, keepdim=True))


def train_ten_digits(model, dls, epochs, lr):
    opt = torch.optim.SGD(model.parameters(), lr=lr)
    history = []
    for _ in range(epochs):
        for xb, yb in dls.train:
            opt.zero_grad()
            cross_entropy(model(xb), yb).backward()  # noqa: F821 - the solution's
            opt.step()
        right = seen = 0
        with torch.no_grad():
            for xb, yb in dls.valid:
                right += (model(xb).argmax(dim=1) == yb).sum().item()
                seen += len(yb)
        history.append(right / seen)
    return history
