"""fit ignores loss_func: it always computes the default mnist_loss."""
from mnist_ref.linear import mnist_loss

EXERCISE = "e07_learner"
MUST_FAIL = {"fit_steps_optimizer": ["ignores self.loss_func"]}


def fit(self, n_epoch, lr):
    opt = self.opt_func(self.model.parameters(), lr)
    history = []
    for _ in range(n_epoch):
        for xb, yb in self.dls.train:
            loss = mnist_loss(self.model(xb), yb)
            loss.backward()
            opt.step()
            opt.zero_grad()
        history.append(self.validate())
    return history


Learner.fit = fit  # noqa: F821 - the solution's class
