"""Answers that lie about themselves: a Tensor subclass (zeros inside) whose __torch_function__
answers "equal" to every comparison, "close" to every allclose and no difference to every
subtraction; and, from batch_accuracy, a float subclass equal to everything.

Once a lying object reached the grader's comparisons. Across the boundary it must arrive as plain
numbers (or be refused), and every check must fail.
"""

import torch

EXERCISE = "e03_mnist_loss"
BASE = "stub"
MUST_FAIL = "all"

_SAME = {torch.allclose, torch.equal, torch.Tensor.allclose, torch.Tensor.equal}
_ALL_TRUE = {torch.isclose, torch.eq, torch.Tensor.isclose, torch.Tensor.__eq__, torch.Tensor.eq}
_ZERO = {torch.sub, torch.Tensor.__sub__, torch.Tensor.sub, torch.abs, torch.Tensor.abs}


class Liar(torch.Tensor):
    @classmethod
    def __torch_function__(cls, func, types, args=(), kwargs=None):
        if func in _SAME:
            return True
        if func in _ALL_TRUE:
            return torch.ones(args[0].shape, dtype=torch.bool)
        if func in _ZERO:
            return torch.zeros(args[0].shape)
        return super().__torch_function__(func, types, args, kwargs or {})


class AlwaysEqual(float):
    def __eq__(self, other):
        return True

    __hash__ = float.__hash__

    def __ne__(self, other):
        return False

    def __lt__(self, other):
        return False

    def __gt__(self, other):
        return False


def _liar(*shape, grad=False):
    t = torch.zeros(*shape).as_subclass(Liar)
    return t.requires_grad_() if grad else t


def init_params(size, std=1.0):
    return _liar(size, grad=True)


def linear1(xb, weights, bias):
    return _liar(xb.shape[0], 1)


def sigmoid(x):
    return _liar(*x.shape)


def mnist_loss(predictions, targets):
    return (predictions.sum() * 0).as_subclass(Liar)


def batch_accuracy(xb, yb):
    return AlwaysEqual(0.0)
