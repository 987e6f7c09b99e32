"""Other correct ways: torch.autograd.grad, a step under torch.no_grad() that zeroes the gradient,
a copy by torch.tensor, axes from pyplot's subplots with plot_sweep returning the Axes."""

import matplotlib.pyplot as plt
import torch

EXERCISE = "e02a_sgd_by_hand"


def grad_at(f, x):
    xt = torch.tensor(x.tolist(), dtype=torch.float32, requires_grad=True)
    (grad,) = torch.autograd.grad(f(xt), xt)
    return grad


def coaster(seed=42):
    torch.manual_seed(seed)
    time = torch.arange(20, dtype=torch.float32)
    noise = torch.randn(20)
    speed = noise * 3 + 0.75 * (time - 9.5) ** 2 + 1
    return time, speed, torch.randn(3, requires_grad=True)


def f(t, params):
    return params[0] * t * t + params[1] * t + params[2]


def mse(preds, targets):
    return (preds - targets).pow(2).mean()


def apply_step(params, time, speed, lr, loss_func=mse):
    loss = loss_func(f(time, params), speed)
    loss.backward()
    with torch.no_grad():
        params -= lr * params.grad
    params.grad.zero_()
    return float(loss)


def run_sgd(params, time, speed, lr, steps, loss_func=mse):
    return [apply_step(params, time, speed, lr, loss_func=loss_func) for _ in range(steps)]


def lr_sweep(params, time, speed, lrs, steps, loss_func=mse):
    start = params.detach().tolist()
    return [run_sgd(torch.tensor(start, requires_grad=True), time, speed, lr, steps, loss_func)
            for lr in lrs]


def plot_sweep(sweep, lrs):
    _, ax = plt.subplots(figsize=(6, 4))
    for i, lr in enumerate(lrs):
        ax.semilogy(list(range(len(sweep[i]))), sweep[i], label=f"{lr:.0e}")
    ax.legend()
    return ax


def sweep_verdicts():
    return {1e-4: "Diverges", 1e-5: "good ", 1e-6: "too small"}


def why_it_diverges():
    return "b"


def why_sqrt_is_slow():
    return "c"
