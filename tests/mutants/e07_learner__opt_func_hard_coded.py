"""fit ignores opt_func: it always makes the default BasicOptim itself."""
from mnist_ref.linear import BasicOptim

EXERCISE = "e07_learner"
MUST_FAIL = {"fit_steps_optimizer": ["ignores the opt_func"],
             "fit_returns_valid_metric": ["ignores the opt_func"]}


def fit(self, n_epoch, lr):
    opt = BasicOptim(self.model.parameters(), lr)
    history = []
    for _ in range(n_epoch):
        for xb, yb in self.dls.train:
            loss = self.loss_func(self.model(xb), yb)
            loss.backward()
            opt.step()
            opt.zero_grad()
        history.append(self.validate())
    return history


Learner.fit = fit  # noqa: F821 - the solution's class
