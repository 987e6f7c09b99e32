"""sigmoid through nn.functional (F.sigmoid calls x.sigmoid()): the library's sigmoid again."""

import torch.nn.functional as F

EXERCISE = "e03_mnist_loss"
MUST_FAIL = {"sigmoid_values": ["F.sigmoid", "x.sigmoid()", "yourself with torch.exp"]}


def sigmoid(x):
    return F.sigmoid(x)
