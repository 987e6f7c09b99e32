"""The chapter's own loop as a Learner: calc_grad, train_epoch and validate_epoch (no
torch.no_grad(), the metric rounded to 4 digits) and train_model's print after each epoch, with
the chapter's BasicOptim typed in."""
# ruff: noqa: E701, B007
import torch

from mnist_ref.linear import batch_accuracy, mnist_loss

EXERCISE = "e07_learner"


class BasicOptim:
    def __init__(self,params,lr): self.params,self.lr = list(params),lr

    def step(self, *args, **kwargs):
        for p in self.params: p.data -= p.grad.data * self.lr

    def zero_grad(self, *args, **kwargs):
        for p in self.params: p.grad = None


class Learner:
    def __init__(self, dls, model, opt_func=BasicOptim, loss_func=mnist_loss,
                 metric=batch_accuracy):
        self.dls,self.model,self.opt_func = dls,model,opt_func
        self.loss_func,self.metric = loss_func,metric

    def calc_grad(self, xb, yb):
        preds = self.model(xb)
        loss = self.loss_func(preds, yb)
        loss.backward()

    def train_epoch(self):
        for xb,yb in self.dls.train:
            self.calc_grad(xb, yb)
            self.opt.step()
            self.opt.zero_grad()

    def validate_epoch(self):
        accs = [self.metric(self.model(xb), yb) for xb,yb in self.dls.valid]
        return round(torch.stack(accs).mean().item(), 4)

    def fit(self, n_epoch, lr):
        self.opt = self.opt_func(self.model.parameters(), lr)
        history = []
        for i in range(n_epoch):
            self.train_epoch()
            history.append(self.validate_epoch())
            print(history[-1], end=' ')
        return history
