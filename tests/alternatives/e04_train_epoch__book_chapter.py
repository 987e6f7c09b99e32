"""The book's own code for calc_grad, train_epoch, validate_epoch, BasicOptim and the training
loop, typed as chapter 4 shows it, with the exercise's explicit arguments in place of the
notebook's globals (dl, valid_dl, opt) and of the hard-coded mnist_loss and batch_accuracy.
The book's calc_grad returns nothing."""
# ruff: noqa: E701, B007 - the book's own layout, kept as printed
import torch

EXERCISE = "e04_train_epoch"


def calc_grad(xb, yb, model, loss_func=mnist_loss):  # noqa: F821
    preds = model(xb)
    loss = loss_func(preds, yb)
    loss.backward()


def train_epoch(model, lr, params, dl, loss_func=mnist_loss):  # noqa: F821
    for xb,yb in dl:
        calc_grad(xb, yb, model, loss_func)
        for p in params:
            p.data -= p.grad*lr
            p.grad.zero_()


def validate_epoch(model, valid_dl, metric=batch_accuracy):  # noqa: F821
    accs = [metric(model(xb), yb) for xb,yb in valid_dl]
    return round(torch.stack(accs).mean().item(), 4)


class BasicOptim:
    def __init__(self,params,lr): self.params,self.lr = list(params),lr

    def step(self, *args, **kwargs):
        for p in self.params: p.data -= p.grad.data * self.lr

    def zero_grad(self, *args, **kwargs):
        for p in self.params: p.grad = None


def train_model(model, epochs, lr, params, dl, valid_dl, loss_func=mnist_loss,  # noqa: F821
                metric=batch_accuracy):  # noqa: F821
    accs = []
    for i in range(epochs):
        train_epoch(model, lr, params, dl, loss_func)
        accs.append(validate_epoch(model, valid_dl, metric))
    return accs
