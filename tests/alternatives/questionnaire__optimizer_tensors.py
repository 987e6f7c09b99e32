"""Correct answers: torch.optim.SGD with zero_grad first; tensors plotted directly; Axes returned."""
import torch
from matplotlib.figure import Figure

EXERCISE = "questionnaire"


def doubled_odds(a):
    return list(map(lambda o: o * 2, filter(lambda o: o & 1, a)))


def double_and_slice():
    t = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 9.0]])
    doubled = t * 2
    return t, doubled, doubled[1:3, 1:3]


def pair_up(xs, ys):
    return list(map(lambda x, y: (x, y), xs, ys))


def one_epoch(model, loss_func, params, dl, lr):
    opt = torch.optim.SGD(params, lr=lr)
    for xb, yb in dl:
        opt.zero_grad()
        loss = loss_func(model(xb), yb)
        loss.backward()
        opt.step()


def plot_sigmoid():
    x = torch.arange(-2, 2.01, 0.01)
    ax = Figure().subplots()
    ax.plot(x, torch.sigmoid(x))
    return ax


def plot_relu():
    x = torch.linspace(-2, 2, 200)
    fig = Figure()
    fig.subplots().plot(x, x.clamp(min=0))
    return fig
