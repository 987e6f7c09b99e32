"""Correct answers in the book's style: p.data updates, grad = None, the book's plot range helper."""
import matplotlib.pyplot as plt
import torch
import torch.nn.functional as F

EXERCISE = "questionnaire"


def doubled_odds(a):
    result = [o * 2 for o in a if o % 2 == 1]
    return result


def one_epoch(model, loss_func, params, dl, lr):
    for xb, yb in dl:
        preds = model(xb)
        loss = loss_func(preds, yb)
        loss.backward()
        for p in params:
            p.data -= p.grad.data * lr
            p.grad = None


def plot_function(f, min=-2.1, max=2.1):
    x = torch.linspace(min, max, 100)
    fig, ax = plt.subplots()
    ax.plot(x, f(x))
    return fig


def plot_sigmoid():
    return plot_function(torch.sigmoid, -2, 2)


def plot_relu():
    return plot_function(F.relu, -2, 2)
