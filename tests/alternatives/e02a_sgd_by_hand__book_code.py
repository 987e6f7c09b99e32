"""The book's code typed as chapter 4 prints it, with its globals (time, speed, lr) made
arguments and apply_step returning loss.item() where the book prints it."""

import matplotlib.pyplot as plt
import torch

EXERCISE = "e02a_sgd_by_hand"


def grad_at(f, x):
    xt = x.clone().requires_grad_()
    yt = f(xt)
    yt.backward()
    return xt.grad


def coaster(seed=42):
    torch.manual_seed(seed)
    time = torch.arange(0,20).float()
    speed = torch.randn(20)*3 + 0.75*(time-9.5)**2 + 1
    params = torch.randn(3).requires_grad_()
    return time, speed, params


def f(t, params):
    a,b,c = params
    return a*(t**2) + (b*t) + c


def mse(preds, targets): return ((preds-targets)**2).mean()


def apply_step(params, time, speed, lr, loss_func=mse):
    preds = f(time, params)
    loss = loss_func(preds, speed)
    loss.backward()
    params.data -= lr * params.grad.data
    params.grad = None
    return loss.item()


def run_sgd(params, time, speed, lr, steps, loss_func=mse):
    losses = []
    for _ in range(steps):
        losses.append(apply_step(params, time, speed, lr, loss_func))
    return losses


def lr_sweep(params, time, speed, lrs, steps, loss_func=mse):
    orig_params = params.clone()
    sweep = []
    for lr in lrs:
        params = orig_params.clone().detach().requires_grad_()
        sweep.append(run_sgd(params, time, speed, lr, steps, loss_func))
    return sweep


def plot_sweep(sweep, lrs):
    for losses, lr in zip(sweep, lrs):
        plt.plot(losses, label=str(lr))
    plt.yscale("log")
    plt.legend()
    return plt.gcf()


def sweep_verdicts():
    return {0.000001: "too small", 0.00001: "good", 0.0001: "diverges"}


def why_it_diverges(): return "B"


def why_sqrt_is_slow(): return "(c)"
