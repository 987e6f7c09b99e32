"""Wrong answers (zeros, an untrained one-layer model) with every comparison PyTorch offers
patched to say "equal":
torch.allclose, torch.isclose, torch.equal, torch.eq, torch.testing.assert_close and the Tensor
methods and operators (==, !=, allclose, equal, isclose).

In the grader's process this once gave full marks. With the student's code in a worker, the
patches stay there: every check must fail.
"""

import torch
import torch.testing
from torch import nn

EXERCISE = "e06_ten_digits"
BASE = "stub"
MUST_FAIL = "all"


def _yes(*args, **kwargs):
    return True


def _all_true(a, *args, **kwargs):
    return torch.ones(torch.as_tensor(a).shape, dtype=torch.bool)


torch.allclose = _yes
torch.equal = _yes
torch.isclose = _all_true
torch.eq = _all_true
torch.testing.assert_close = lambda *a, **k: None
torch.Tensor.__eq__ = _all_true
torch.Tensor.__ne__ = lambda a, *args, **k: ~_all_true(a)
torch.Tensor.allclose = _yes
torch.Tensor.equal = _yes
torch.Tensor.isclose = _all_true


def softmax(x):
    return torch.zeros_like(x)


def log_softmax(x):
    return torch.zeros_like(x)


def cross_entropy(preds, targets):
    return preds.sum() * 0


def multiclass_accuracy(preds, targets):
    return torch.tensor(0.0)


def make_ten_digit_net(n_hidden=30):
    return nn.Sequential(nn.Linear(28 * 28, 10))


def train_ten_digits(model, dls, epochs, lr):
    return [0.0] * epochs
