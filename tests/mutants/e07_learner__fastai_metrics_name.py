"""Learner stores the metric under fastai's name, self.metrics, instead of self.metric."""
import torch

EXERCISE = "e07_learner"
MUST_FAIL = {"learner_stores": ["no attribute `metric`"]}


def __init__(self, dls, model, opt_func, loss_func, metric):  # noqa: N807
    self.dls, self.model, self.opt_func = dls, model, opt_func
    self.loss_func, self.metrics = loss_func, metric


def validate(self):
    with torch.no_grad():
        metrics = [self.metrics(self.model(xb), yb) for xb, yb in self.dls.valid]
    return torch.stack(metrics).mean().item()


Learner.__init__ = __init__  # noqa: F821 - the solution's class
Learner.validate = validate  # noqa: F821
