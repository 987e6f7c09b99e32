"""Why accuracy cannot be the loss: the book's experiment in "The MNIST Loss Function".

The book computes the linear model's accuracy on the training set, nudges one weight under
``torch.no_grad()`` and computes it again: it has not moved. Accuracy changes only when a
prediction crosses the threshold 0.0, so for almost every small change of a weight it stays the
same: its gradient is 0 almost everywhere (and undefined at the jumps), and SGD gets no direction
from it. ``mnist_loss`` moves with every change.

The book nudges ``weights[0]``, the weight of the top-left pixel, which is 0 in every MNIST
image: there nothing at all can change, the loss included. A pixel in the middle (row 14,
column 14: index 406) shows the difference.

Shapes: ``x`` float32 ``[N, 784]``, ``y`` float32 ``[N, 1]`` (1 for a 3, 0 for a 7), ``weights``
``[784, 1]`` and ``bias`` ``[1]`` tracking gradients; predictions ``[N, 1]`` raw outputs.
"""

from __future__ import annotations

import torch

from mnist_ref.linear import linear1, mnist_loss

#: The book's nudge, and one in the middle of the image that the loss feels.
BOOK_NUDGE = (0, 1.0001)
MIDDLE_NUDGE = (14 * 28 + 14, 1.01)
#: The weights whose slopes :func:`slopes` measures in the exercise (pixel 0 is blank everywhere).
SLOPE_INDICES = (0, 200, 350, 406, 500, 600)


def accuracy(preds: torch.Tensor, targets: torch.Tensor) -> float:
    """The fraction of predictions on the right side of 0.0: ``preds`` raw outputs ``[N, 1]``,
    ``targets`` ``[N, 1]``; a Python float."""
    return ((preds > 0.0).float() == targets).float().mean().item()


def nudge(weights: torch.Tensor, index: int, factor: float) -> None:
    """``weights[index] *= factor`` in place, not recorded by autograd (``weights`` stays a leaf
    that tracks gradients)."""
    with torch.no_grad():
        weights[index] *= factor


def nudge_experiment(x: torch.Tensor, y: torch.Tensor, weights: torch.Tensor,
                     bias: torch.Tensor, index: int, factor: float
                     ) -> tuple[float, float, float, float]:
    """The accuracy and the ``mnist_loss`` of ``linear1`` before and after :func:`nudge`
    (``weights`` is nudged in place): ``(acc_before, acc_after, loss_before, loss_after)``,
    Python floats."""
    preds = linear1(x, weights, bias)
    acc_before, loss_before = accuracy(preds, y), mnist_loss(preds, y).item()
    nudge(weights, index, factor)
    preds = linear1(x, weights, bias)
    return acc_before, accuracy(preds, y), loss_before, mnist_loss(preds, y).item()


def slopes(x: torch.Tensor, y: torch.Tensor, weights: torch.Tensor, bias: torch.Tensor,
           indices: list[int], eps: float = 1e-3) -> tuple[list[float], list[float]]:
    """How fast the accuracy and the loss change with each weight of ``indices``: the slope
    ``(value(w_i + eps) - value(w_i)) / eps``, one weight at a time, each put back afterwards
    (under ``torch.no_grad()``).

    The accuracy's slopes are 0 (a change of ``eps`` crosses no prediction over 0.0; at 1e-2 a
    few images do cross, and the slope jumps), the loss's are close to its gradient (what
    ``backward`` puts in ``weights.grad``, at those rows).

    Returns:
        ``(accuracy_slopes, loss_slopes)``: two lists of ``len(indices)`` Python floats.
    """
    preds = linear1(x, weights, bias)
    acc0, loss0 = accuracy(preds, y), mnist_loss(preds, y).item()
    acc_slopes, loss_slopes = [], []
    for i in indices:
        with torch.no_grad():
            weights[i] += eps
        preds = linear1(x, weights, bias)
        acc_slopes.append((accuracy(preds, y) - acc0) / eps)
        loss_slopes.append((mnist_loss(preds, y).item() - loss0) / eps)
        with torch.no_grad():
            weights[i] -= eps
    return acc_slopes, loss_slopes
