"""fit creates the optimizer but never calls opt.step(): the model never changes."""
import torch

EXERCISE = "e07_learner"
MUST_FAIL = {"fit_steps_optimizer": ["never called opt.step()"],
             "fit_with_torch_sgd": ["did not change"], "learner_trains": ["below"]}


def fit(self, n_epoch, lr):
    opt = self.opt_func(self.model.parameters(), lr)
    history = []
    for _ in range(n_epoch):
        for xb, yb in self.dls.train:
            loss = self.loss_func(self.model(xb), yb)
            loss.backward()
            opt.zero_grad()
        with torch.no_grad():
            metrics = [self.metric(self.model(xb), yb) for xb, yb in self.dls.valid]
        history.append(torch.stack(metrics).mean().item())
    return history


Learner.fit = fit  # noqa: F821 - the solution's class
