"""validate ignores metric: it always measures with the default batch_accuracy."""
import torch

from mnist_ref.linear import batch_accuracy

EXERCISE = "e07_learner"
MUST_FAIL = {"fit_returns_valid_metric": ["ignores self.metric"]}


def validate(self):
    with torch.no_grad():
        accs = [batch_accuracy(self.model(xb), yb) for xb, yb in self.dls.valid]
    return torch.stack(accs).mean().item()


Learner.validate = validate  # noqa: F821 - the solution's class
