"""The chapter's own code where it answers a code question, typed as the book shows it: the
sigmoid drawn from -4 to 4 and ReLU on the default range with a plot_function that draws with
pyplot and returns nothing (as fastbook's helper does), tensor(...) and its slices, the
train_epoch loop with p.data and p.grad.zero_(), list(zip(...))."""
# ruff: noqa: E701
import matplotlib.pyplot as plt
import torch
import torch.nn.functional as F
from torch import tensor

EXERCISE = "questionnaire"


def plot_function(f, title=None, min=-2, max=2):
    x = torch.linspace(min, max, 100)
    fig,ax = plt.subplots()
    ax.plot(x,f(x))
    if title is not None: ax.set_title(title)


def plot_sigmoid():
    plot_function(torch.sigmoid, title='Sigmoid', min=-4, max=4)


def plot_relu():
    plot_function(F.relu)


def doubled_odds(a):
    return [o*2 for o in a if o%2==1]


def double_and_slice():
    tns = tensor([[1,2,3],[4,5,6],[7,8,9]])
    doubled = tns*2
    return tns, doubled, doubled[1:,1:]


def one_epoch(model, loss_func, params, dl, lr):
    for xb,yb in dl:
        preds = model(xb)
        loss = loss_func(preds, yb)
        loss.backward()
        for p in params:
            p.data -= p.grad*lr
            p.grad.zero_()


def pair_up(xs, ys):
    return list(zip(xs,ys))
