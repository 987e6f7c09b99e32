"""fastai-like extras (self.metrics, self.opt, self.lr, model.train()/eval()), zero_grad before
backward, keyword lr, and a validation mean weighted by batch size."""
import torch

from mnist_ref.linear import BasicOptim, batch_accuracy, mnist_loss

EXERCISE = "e07_learner"


class Learner:
    def __init__(self, dls, model, opt_func=BasicOptim, loss_func=mnist_loss,
                 metric=batch_accuracy):
        self.dls, self.model = dls, model
        self.opt_func, self.loss_func = opt_func, loss_func
        self.metric = metric
        self.metrics = [metric]
        self.opt, self.lr = None, None

    def one_batch(self, xb, yb):
        self.opt.zero_grad()
        loss = self.loss_func(self.model(xb), yb)
        loss.backward()
        self.opt.step()
        return loss

    def validate(self):
        self.model.eval()
        total, count = 0.0, 0
        with torch.no_grad():
            for xb, yb in self.dls.valid:
                total += self.metric(self.model(xb), yb).item() * len(xb)
                count += len(xb)
        return total / count

    def fit(self, n_epoch, lr):
        self.lr = lr
        self.opt = self.opt_func(self.model.parameters(), lr=lr)
        history = []
        for _ in range(n_epoch):
            self.model.train()
            for xb, yb in self.dls.train:
                self.one_batch(xb, yb)
            history.append(self.validate())
        return history
