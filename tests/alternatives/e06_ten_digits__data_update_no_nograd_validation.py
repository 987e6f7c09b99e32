"""The book's p.data update with model.zero_grad(), validation without torch.no_grad(), and
ReLU written as clamp(min=0) in a small nn.Module."""
from torch import nn

EXERCISE = "e06_ten_digits"


class Clamp(nn.Module):
    def forward(self, x):
        return x.clamp(min=0)


def make_ten_digit_net(n_hidden=30):
    return nn.Sequential(nn.Linear(28 * 28, n_hidden), Clamp(), nn.Linear(n_hidden, 10))


def train_ten_digits(model, dls, epochs, lr):
    accs = []
    for _ in range(epochs):
        for xb, yb in dls.train:
            cross_entropy(model(xb), yb).backward()  # noqa: F821 - the solution's
            for p in model.parameters():
                p.data -= p.grad.data * lr
            model.zero_grad()
        batch_accs = [multiclass_accuracy(model(xb), yb) for xb, yb in dls.valid]  # noqa: F821
        accs.append(float(sum(batch_accs) / len(batch_accs)))
    return accs
