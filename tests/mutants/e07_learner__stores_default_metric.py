"""__init__ stores the default metric, whatever metric it is given."""
from mnist_ref.linear import batch_accuracy

EXERCISE = "e07_learner"
MUST_FAIL = {"learner_stores": ["default batch_accuracy", "ignored"],
             "fit_returns_valid_metric": ["ignores self.metric"]}


def __init__(self, dls, model, opt_func, loss_func, metric):  # noqa: N807
    self.dls, self.model, self.opt_func = dls, model, opt_func
    self.loss_func, self.metric = loss_func, batch_accuracy


Learner.__init__ = __init__  # noqa: F821 - the solution's class
