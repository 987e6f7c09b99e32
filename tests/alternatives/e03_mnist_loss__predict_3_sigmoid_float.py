"""predict_3 written through the sigmoid, returning 0/1 floats like the book's
``(preds>0.0).float()``; batch_accuracy built on it."""

import torch

EXERCISE = "e03_mnist_loss"


def predict_3(preds):
    return (torch.sigmoid(preds) > 0.5).float()


def batch_accuracy(xb, yb):
    return (predict_3(xb) == yb).float().mean()
