"""Small hand-made problems for the checks of exercise 4, and the book's mistakes replayed on them.

A 5-feature linear model (weights ``[5, 1]``, bias ``[1]``), loaders that are plain lists of
seeded batches, and :func:`sgd`: the reference loop, or one of the known wrong loops, whose final
parameters name a student's mistake (:func:`step_mistakes`).
"""

from __future__ import annotations

import torch

from autograder.checks.common import randn
from autograder.core.feedback import Mistake
from mnist_ref import linear as ref

N_FEATURES = 5


def linear_params(seed: int) -> list[torch.Tensor]:
    """Weights ``[5, 1]`` and bias ``[1]`` on the check device, leaves with gradients."""
    w = randn(N_FEATURES, 1, seed=seed).requires_grad_()
    b = randn(1, seed=seed + 1).requires_grad_()
    return [w, b]


def clone_params(params: list[torch.Tensor]) -> list[torch.Tensor]:
    return [p.detach().clone().requires_grad_() for p in params]


def linear_model(params: list[torch.Tensor]):
    """The book's linear model as a closure over ``params``: ``[N, 5]`` -> ``[N, 1]``."""
    w, b = params

    def model(xb):
        return xb @ w + b

    return model


def seeded_batches(n_batches: int, size: int, seed: int) -> list[tuple[torch.Tensor, torch.Tensor]]:
    """``n_batches`` seeded mini-batches: xb ``[size, 5]``, yb float ``[size, 1]`` of 0/1."""
    x = randn(n_batches * size, N_FEATURES, seed=seed)
    y = (randn(n_batches * size, 1, seed=seed + 1) > 0).float()
    return [(x[i:i + size], y[i:i + size]) for i in range(0, n_batches * size, size)]


def separable_batches(n_batches: int, size: int, seed: int):
    """Like :func:`seeded_batches`, but the labels follow a linear rule, so a few epochs learn them."""
    x = randn(n_batches * size, N_FEATURES, seed=seed)
    y = (x @ randn(N_FEATURES, 1, seed=seed + 1) > 0).float()
    return [(x[i:i + size], y[i:i + size]) for i in range(0, n_batches * size, size)]


def squared_loss(predictions, targets):
    """Not the book's loss: a different one, to see that ``loss_func`` is used."""
    return ((predictions.sigmoid() - targets) ** 2).mean()


def flat_params(params) -> torch.Tensor:
    return torch.cat([p.detach().reshape(-1) for p in params])


def grads_of(params) -> torch.Tensor:
    return torch.cat([(p.grad if p.grad is not None else torch.zeros_like(p)).detach().reshape(-1)
                      for p in params])


# --- variants of the reference loop that make the book's mistakes ------------------------------


def sgd(params, batches, lr, loss_func=ref.mnist_loss, sign=1.0, zero=True, first_only=False,
        moved=(True, True)):
    """Run SGD the reference's way, or one of the known wrong ways; returns the final params.

    ``moved``: which of (weights, bias) are stepped (every gradient is still zeroed).
    """
    params = clone_params(params)
    model = linear_model(params)
    for xb, yb in batches[:1] if first_only else batches:
        ref.calc_grad(xb, yb, model, loss_func)
        for p, move in zip(params, moved, strict=True):
            if move:
                p.data -= sign * p.grad * lr
            if zero:
                p.grad.zero_()
    return params


def flat_grads(grads, like) -> torch.Tensor:
    """The ``.grad`` list a probe returned (None where empty) as one flat vector, zeros where a
    gradient is None (``like``: the parameters, for their shapes)."""
    return torch.cat([(torch.zeros_like(p) if g is None else g.to(p.device)).reshape(-1)
                      for g, p in zip(grads, like, strict=True)])


def linear_module(start):
    """An ``nn.Linear(5, 1)`` holding ``start`` (weights ``[5, 1]``, bias ``[1]``), on its device."""
    w, b = start
    net = torch.nn.Linear(w.shape[0], 1).to(w.device)
    with torch.no_grad():
        net.weight.copy_(w.t())
        net.bias.copy_(b)
    return net


def step_mistakes(start, batches, lr, loss_func=ref.mnist_loss) -> list[Mistake]:
    return [
        Mistake("the parameters did not change: `p = p - lr * p.grad` only rebinds the loop "
                "variable (and a step on a copy is lost); update p.data in place, or use "
                "`with torch.no_grad(): p -= lr * p.grad`", flat_params(start)),
        Mistake("the step goes the wrong way: subtract lr * grad (descend the gradient)",
                flat_params(sgd(start, batches, lr, loss_func, sign=-1.0))),
        Mistake("lr is ignored: multiply the gradient by lr",
                flat_params(sgd(start, batches, 1.0, loss_func))),
        Mistake(f"the learning rate is applied twice: each step is lr * lr * grad "
                f"({lr:g} * {lr:g}), not lr * grad; multiply by lr once",
                flat_params(sgd(start, batches, lr * lr, loss_func))),
        Mistake("each parameter is stepped twice per batch (2 * lr * grad): step once, then "
                "zero the gradient", flat_params(sgd(start, batches, 2 * lr, loss_func))),
        Mistake("the bias never moved: only the weights were stepped; step every tensor in "
                "params (`for p in params:`), the bias too",
                flat_params(sgd(start, batches, lr, loss_func, moved=(True, False)))),
        Mistake("only the first mini-batch was used: loop over every (xb, yb) of dl (a "
                "`return`/`break` inside the loop, or `next(iter(dl))`?)",
                flat_params(sgd(start, batches, lr, loss_func, first_only=True))),
        Mistake("the gradients are never zeroed: backward() ADDS into .grad, so each batch's "
                "gradient piles onto the previous ones; p.grad.zero_() after each step (or clear "
                "it before each calc_grad)",
                flat_params(sgd(start, batches, lr, loss_func, zero=False))),
    ] + ([] if loss_func is ref.mnist_loss else [
        Mistake("loss_func is ignored: pass it on to calc_grad (the book's mnist_loss is only "
                "the default)", flat_params(sgd(start, batches, lr, ref.mnist_loss)))])
