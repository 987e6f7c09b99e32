"""The linear model trained with SGD, from scratch (the book's "Stochastic Gradient Descent" and
"The MNIST Loss Function" sections), for 3 (target 1) versus 7 (target 0).

Shapes: ``N`` items per batch; ``784`` = 28*28 pixels. Inputs ``xb`` are float32 ``[N, 784]``,
targets ``yb`` are float32 ``[N, 1]`` with 1 for a 3 and 0 for a 7.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

import torch

Model = Callable[[torch.Tensor], torch.Tensor]
LossFunc = Callable[[torch.Tensor, torch.Tensor], torch.Tensor]


def init_params(size, std: float = 1.0) -> torch.Tensor:
    """Random normal parameters of shape ``size`` times ``std``, with gradients tracked."""
    return (torch.randn(size) * std).requires_grad_()


def linear1(xb: torch.Tensor, weights: torch.Tensor, bias: torch.Tensor) -> torch.Tensor:
    """``xb @ weights + bias``: ``[N, 784]``, ``[784, 1]``, ``[1]`` -> ``[N, 1]``."""
    return xb @ weights + bias


def sigmoid(x: torch.Tensor) -> torch.Tensor:
    """``1 / (1 + exp(-x))``, elementwise: any shape, values squashed into (0, 1)."""
    return 1 / (1 + torch.exp(-x))


def mnist_loss(predictions: torch.Tensor, targets: torch.Tensor) -> torch.Tensor:
    """The book's loss: how far the sigmoid of each prediction is from its target, averaged.

    Args:
        predictions: raw model outputs (logits), float32 ``[N, 1]``.
        targets: float32 ``[N, 1]``, 1 for a 3 and 0 for a 7 (same shape as ``predictions``;
            ``[N]`` would broadcast to ``[N, N]`` silently).
    Returns:
        a scalar ``[]`` tensor.
    """
    predictions = predictions.sigmoid()
    return torch.where(targets == 1, 1 - predictions, predictions).mean()


def batch_accuracy(xb: torch.Tensor, yb: torch.Tensor) -> torch.Tensor:
    """Fraction of right answers: raw outputs ``[N, 1]`` (a 3 when sigmoid > 0.5), targets ``[N, 1]``."""
    preds = xb.sigmoid()
    correct = (preds > 0.5) == yb
    return correct.float().mean()


def calc_grad(xb: torch.Tensor, yb: torch.Tensor, model: Model, loss_func: LossFunc = mnist_loss):
    """Forward pass, loss, backward pass: adds d(loss)/d(param) into each parameter's ``.grad``."""
    loss = loss_func(model(xb), yb)
    loss.backward()
    return loss


def train_epoch(
    model: Model,
    lr: float,
    params: Sequence[torch.Tensor],
    dl: Iterable[tuple[torch.Tensor, torch.Tensor]],
    loss_func: LossFunc = mnist_loss,
) -> None:
    """One pass over ``dl``: for every mini-batch, compute gradients and step each parameter.

    The step is ``p -= lr * p.grad`` outside autograd (on ``p.data``), then the gradient is zeroed
    so the next batch does not add to it.
    """
    for xb, yb in dl:
        calc_grad(xb, yb, model, loss_func)
        ps = list(params)
        if len({id(p) for p in ps}) < len(ps):  # a tensor listed twice: the loop's order matters
            for p in ps:
                p.data -= p.grad * lr
                p.grad.zero_()
        elif ps:
            grads = [p.grad for p in ps]
            sgd_step([p.data for p in ps], grads, lr)
            torch._foreach_zero_(grads)


def sgd_step(weights: list[torch.Tensor], grads: list[torch.Tensor], lr: float) -> None:
    """``w -= g * lr`` for every pair, in two calls instead of two per parameter.

    The same arithmetic as the book's ``p.data -= p.grad * lr`` loop, bit for bit: ``g * lr`` is
    rounded to float32 first, then subtracted. PyTorch's ``_foreach`` operations (what
    ``torch.optim.SGD`` uses) apply one operation to a list of tensors; on the CPU they loop in C++
    instead of Python, on a GPU they launch one kernel for the whole list. ``weights`` are
    modified in place and must not be tracked by autograd (pass ``p.data``).
    """
    torch._foreach_sub_(weights, torch._foreach_mul(grads, lr))


def validate_epoch(model: Model, valid_dl: Iterable, metric=batch_accuracy) -> float:
    """The mean of ``metric`` over the validation batches, rounded to 4 places (as in the book)."""
    with torch.no_grad():
        accs = [metric(model(xb), yb) for xb, yb in valid_dl]
    return round(torch.stack(accs).mean().item(), 4)


class BasicOptim:
    """The book's minimal optimizer: ``step`` moves each parameter against its gradient."""

    def __init__(self, params: Iterable[torch.Tensor], lr: float) -> None:
        self.params, self.lr = list(params), lr

    def step(self, *args, **kwargs) -> None:
        """``p.data -= p.grad.data * lr`` for every parameter (one :func:`sgd_step` call)."""
        grads = [p.grad for p in self.params]
        if any(g is None for g in grads):  # the book's loop, and its AttributeError
            for p in self.params:
                p.data -= p.grad.data * self.lr
            return
        sgd_step([p.data for p in self.params], [g.data for g in grads], self.lr)

    def zero_grad(self, *args, **kwargs) -> None:
        for p in self.params:
            p.grad = None


def train_model(
    model: Model,
    epochs: int,
    lr: float,
    params: Sequence[torch.Tensor],
    dl: Iterable,
    valid_dl: Iterable,
    loss_func: LossFunc = mnist_loss,
    metric=batch_accuracy,
    progress: Callable[[Iterable[int]], Iterable[int]] = iter,
) -> list[float]:
    """Train for ``epochs`` epochs and return the validation accuracy after each one."""
    history = []
    for _ in progress(range(epochs)):
        train_epoch(model, lr, params, dl, loss_func)
        history.append(validate_epoch(model, valid_dl, metric))
    return history
