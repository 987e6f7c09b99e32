"""fit zeroes the gradients between backward() and step(): the step has nothing to apply."""

EXERCISE = "e07_learner"
MUST_FAIL = {"fit_steps_optimizer": ["no gradient"], "fit_with_torch_sgd": ["did not change"],
             "learner_trains": ["no gradient"]}


def fit(self, n_epoch, lr):
    opt = self.opt_func(self.model.parameters(), lr)
    history = []
    for _ in range(n_epoch):
        for xb, yb in self.dls.train:
            loss = self.loss_func(self.model(xb), yb)
            loss.backward()
            opt.zero_grad()
            opt.step()
        history.append(self.validate())
    return history


Learner.fit = fit  # noqa: F821 - the solution's class
