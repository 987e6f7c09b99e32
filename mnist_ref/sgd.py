"""Gradients and SGD by hand: the book's section "Stochastic Gradient Descent (SGD)".

Its subsections "Calculating Gradients" (the gradient of ``x**2`` at 3, and of the sum of squares
of a vector) and "An End-to-End SGD Example" (the roller coaster: a quadratic ``f(t, params)``
fitted to 20 noisy speeds with ``mse`` and ``apply_step``), with the book's names and every global
of the notebook (``time``, ``speed``, ``lr``) passed explicitly. Then a learning-rate sweep of the
same example, the experiment the book leaves to its reader.

Everything runs on the CPU in float32, as the book does: with ``torch.manual_seed(42)`` before
``speed`` and ``params`` are drawn, the losses are the book's printed ones (25823.8086 first, then
5435.5366, 1577.4496, ..., 676.9537) within float32 rounding (relative 3e-7: the book's machine
summed in another order). Shapes: ``time`` and ``speed`` float32 ``[20]``; ``params`` float32
``[3]`` (a, b, c of ``a*t**2 + b*t + c``).
"""

from __future__ import annotations

import torch

#: The book's numbers (printed in "An End-to-End SGD Example"): the first loss, the gradient of
#: the first loss, the parameters drawn, and the ten losses its loop prints, which come after one
#: step by hand: so :func:`run_sgd` from the start gives ``[FIRST_LOSS, *LOOP_LOSSES]``.
FIRST_LOSS = 25823.8086
FIRST_GRAD = (-53195.8594, -3419.7146, -253.8908)
FIRST_PARAMS = (-0.7658, -0.7506, 1.3525)
LOOP_LOSSES = (5435.53662109375, 1577.4495849609375, 847.3780517578125, 709.22265625,
               683.0757446289062, 678.12451171875, 677.1839599609375, 677.0025024414062,
               676.96435546875, 676.9537353515625)
BOOK_LR, BOOK_SEED = 1e-5, 42

#: The sweep: too small, good, diverging (20 steps each from the book's start).
SWEEP_LRS = (1e-6, 1e-5, 1e-4)
SWEEP_STEPS = 20
VERDICTS = {1e-6: "too small", 1e-5: "good", 1e-4: "diverges"}


def grad_at(f, x: torch.Tensor) -> torch.Tensor:
    """The gradient of ``f`` at ``x``, by autograd: ``requires_grad_``, call, ``backward``.

    Args:
        f: a function of one tensor returning a scalar (0-dimensional) tensor, e.g.
            ``lambda x: x**2`` or ``lambda x: (x**2).sum()``.
        x: float32 ``[]`` or ``[n]``; not modified.
    Returns:
        float32, the shape of ``x``: ``d f / d x``.
    """
    xt = x.detach().clone().requires_grad_()
    f(xt).backward()
    return xt.grad


def coaster(seed: int = BOOK_SEED) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """The book's data and start: ``time`` ``[20]`` (0 to 19), ``speed`` ``[20]`` (a noisy
    parabola), ``params`` ``[3]`` (normal, tracking gradients), drawn in the book's order after
    ``torch.manual_seed(seed)``."""
    torch.manual_seed(seed)
    time = torch.arange(0, 20).float()
    speed = torch.randn(20) * 3 + 0.75 * (time - 9.5) ** 2 + 1
    params = torch.randn(3).requires_grad_()
    return time, speed, params


def f(t: torch.Tensor, params) -> torch.Tensor:
    """The quadratic ``a*t**2 + b*t + c``: ``t`` float32 ``[N]``, ``params`` ``[3]``; ``[N]``."""
    a, b, c = params
    return a * (t**2) + (b * t) + c


def mse(preds: torch.Tensor, targets: torch.Tensor) -> torch.Tensor:
    """Mean squared error: ``preds`` and ``targets`` float32 ``[N]``; a 0-dimensional tensor."""
    return ((preds - targets) ** 2).mean()


def rmse(preds: torch.Tensor, targets: torch.Tensor) -> torch.Tensor:
    """``mse`` with ``.sqrt()``: the same minimum, a gradient ``1 / (2 * sqrt(mse))`` as large."""
    return ((preds - targets) ** 2).mean().sqrt()


def apply_step(params: torch.Tensor, time: torch.Tensor, speed: torch.Tensor, lr: float,
               loss_func=mse) -> float:
    """One step of SGD on the roller coaster, in place: predict, loss, ``backward``, step
    ``params.data -= lr * params.grad.data``, reset the gradient.

    Args:
        params: float32 ``[3]``, a leaf that tracks gradients; changed in place.
        time, speed: float32 ``[20]``. lr: the learning rate.
    Returns:
        the loss before the step, a Python float (what the book's ``apply_step`` prints).
    """
    preds = f(time, params)
    loss = loss_func(preds, speed)
    loss.backward()
    params.data -= lr * params.grad.data
    params.grad = None
    return loss.item()


def run_sgd(params: torch.Tensor, time: torch.Tensor, speed: torch.Tensor, lr: float, steps: int,
            loss_func=mse) -> list[float]:
    """``steps`` calls of :func:`apply_step` on ``params`` (changed in place): the loss before
    each step, ``steps`` Python floats."""
    return [apply_step(params, time, speed, lr, loss_func) for _ in range(steps)]


def lr_sweep(params: torch.Tensor, time: torch.Tensor, speed: torch.Tensor, lrs, steps: int,
             loss_func=mse) -> list[list[float]]:
    """For each learning rate, :func:`run_sgd` from a fresh copy of ``params`` (left as it was):
    one list of ``steps`` losses per learning rate, in the order of ``lrs``."""
    return [run_sgd(params.detach().clone().requires_grad_(), time, speed, lr, steps, loss_func)
            for lr in lrs]


def verdict(losses: list[float]) -> str:
    """What a run of :func:`run_sgd` shows: ``"diverges"`` (the loss ends higher than it started,
    or is not a number), ``"good"`` (it ends within 5% of the best loss this example reaches,
    about 677), else ``"too small"`` (it goes down, but slowly)."""
    first, last = losses[0], losses[-1]
    if not last == last or last > first:  # NaN, or higher than at the start
        return "diverges"
    return "good" if last < 1.05 * 677.0 else "too small"
