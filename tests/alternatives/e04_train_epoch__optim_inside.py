"""train_model builds a BasicOptim and runs its own loop (no train_epoch); BasicOptim steps under
torch.no_grad() and zeroes the gradients instead of dropping them."""
import torch

EXERCISE = "e04_train_epoch"


class BasicOptim:
    def __init__(self, params, lr):
        self.params = [p for p in params]
        self.lr = lr

    def step(self):
        with torch.no_grad():
            for p in self.params:
                p.add_(p.grad, alpha=-self.lr)

    def zero_grad(self):
        for p in self.params:
            if p.grad is not None:
                p.grad.zero_()


def train_model(model, epochs, lr, params, dl, valid_dl, loss_func=mnist_loss,  # noqa: F821
                metric=batch_accuracy):  # noqa: F821
    opt = BasicOptim(params, lr)
    accuracies = []
    for _epoch in range(epochs):
        for xb, yb in dl:
            calc_grad(xb, yb, model, loss_func)  # noqa: F821
            opt.step()
            opt.zero_grad()
        accuracies.append(validate_epoch(model, valid_dl, metric))  # noqa: F821
    return accuracies
