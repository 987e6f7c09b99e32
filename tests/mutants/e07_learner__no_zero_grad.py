"""fit never zeroes the gradients: each step uses the sum of all gradients so far."""
import torch

EXERCISE = "e07_learner"
MUST_FAIL = {"fit_steps_optimizer": ["accumulate"]}


def fit(self, n_epoch, lr):
    opt = self.opt_func(self.model.parameters(), lr)
    history = []
    for _ in range(n_epoch):
        for xb, yb in self.dls.train:
            loss = self.loss_func(self.model(xb), yb)
            loss.backward()
            opt.step()
        with torch.no_grad():
            metrics = [self.metric(self.model(xb), yb) for xb, yb in self.dls.valid]
        history.append(torch.stack(metrics).mean().item())
    return history


Learner.fit = fit  # noqa: F821 - the solution's class
