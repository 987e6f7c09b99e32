"""fit returns only the last epoch's metric instead of the list of all epochs'."""

EXERCISE = "e07_learner"
MUST_FAIL = {"fit_returns_valid_metric": ["single number"]}


def fit(self, n_epoch, lr):
    opt = self.opt_func(self.model.parameters(), lr)
    metric = None
    for _ in range(n_epoch):
        for xb, yb in self.dls.train:
            loss = self.loss_func(self.model(xb), yb)
            loss.backward()
            opt.step()
            opt.zero_grad()
        metric = self.validate()
    return metric


Learner.fit = fit  # noqa: F821 - the solution's class
