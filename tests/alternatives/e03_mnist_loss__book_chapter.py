"""The book's own code for the six functions, typed as chapter 4 shows it (linear1 with its
weights and bias as arguments, as the exercise asks, instead of the notebook's globals;
predict_3 is the book's ``(preds>0.0).float()``, from its cell ``corrects = ...``)."""

import torch

EXERCISE = "e03_mnist_loss"


def init_params(size, std=1.0): return (torch.randn(size)*std).requires_grad_()


def linear1(xb, weights, bias): return xb@weights + bias


def predict_3(preds): return (preds>0.0).float()


def sigmoid(x): return 1/(1+torch.exp(-x))


def mnist_loss(predictions, targets):
    predictions = predictions.sigmoid()
    return torch.where(targets==1, 1-predictions, predictions).mean()


def batch_accuracy(xb, yb):
    preds = xb.sigmoid()
    correct = (preds>0.5) == yb
    return correct.float().mean()
