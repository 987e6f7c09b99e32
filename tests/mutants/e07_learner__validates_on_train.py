"""fit validates on the training set (dls.train) instead of dls.valid."""
import torch

EXERCISE = "e07_learner"
MUST_FAIL = {"fit_returns_valid_metric": ["dls.train"]}


def validate(self):
    with torch.no_grad():
        metrics = [self.metric(self.model(xb), yb) for xb, yb in self.dls.train]
    return torch.stack(metrics).mean().item()


Learner.validate = validate  # noqa: F821 - the solution's class
