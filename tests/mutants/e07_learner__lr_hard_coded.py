"""fit ignores its lr argument: the optimizer always gets lr=0.1."""

EXERCISE = "e07_learner"
MUST_FAIL = {"fit_steps_optimizer": ["ignores its lr"]}


def fit(self, n_epoch, lr):
    opt = self.opt_func(self.model.parameters(), 0.1)
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
