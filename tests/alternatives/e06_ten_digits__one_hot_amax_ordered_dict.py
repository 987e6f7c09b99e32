"""Stable softmax and log_softmax with amax and exp/log written out; cross-entropy as one-hot
multiply-and-sum; the net built from an OrderedDict with nn.Flatten first."""
from collections import OrderedDict

import torch
import torch.nn.functional as F
from torch import nn

EXERCISE = "e06_ten_digits"


def softmax(x):
    shifted = x - x.amax(-1, keepdim=True)
    return torch.exp(shifted) / torch.exp(shifted).sum(-1, keepdim=True)


def log_softmax(x):
    shifted = x - x.amax(-1, keepdim=True)
    return shifted - torch.log(torch.exp(shifted).sum(-1, keepdim=True))


def cross_entropy(preds, targets):
    one_hot = F.one_hot(targets, num_classes=preds.shape[1]).float()
    return -(one_hot * log_softmax(preds)).sum(dim=1).mean()


def make_ten_digit_net(n_hidden=30):
    return nn.Sequential(OrderedDict([
        ("flatten", nn.Flatten()),
        ("hidden", nn.Linear(784, n_hidden)),
        ("relu", nn.ReLU()),
        ("out", nn.Linear(n_hidden, 10)),
    ]))
