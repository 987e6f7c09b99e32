"""fit ignores n_epoch: it always trains 3 epochs (the number the stub's example uses)."""

EXERCISE = "e07_learner"
MUST_FAIL = {"fit_returns_valid_metric": ["ignores its n_epoch"],
             "fit_steps_optimizer": ["ignores its n_epoch"]}


def fit(self, n_epoch, lr):
    opt = self.opt_func(self.model.parameters(), lr)
    history = []
    for _ in range(3):
        for xb, yb in self.dls.train:
            loss = self.loss_func(self.model(xb), yb)
            loss.backward()
            opt.step()
            opt.zero_grad()
        history.append(self.validate())
    return history


Learner.fit = fit  # noqa: F821 - the solution's class
