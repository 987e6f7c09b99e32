"""fit returns the metric averaged over the training batches, not measured on dls.valid."""
import torch

EXERCISE = "e07_learner"
MUST_FAIL = {"fit_returns_valid_metric": ["dls.train"]}


def fit(self, n_epoch, lr):
    opt = self.opt_func(self.model.parameters(), lr)
    history = []
    for _ in range(n_epoch):
        metrics = []
        for xb, yb in self.dls.train:
            preds = self.model(xb)
            loss = self.loss_func(preds, yb)
            loss.backward()
            opt.step()
            opt.zero_grad()
            metrics.append(self.metric(preds.detach(), yb))
        history.append(torch.stack(metrics).mean().item())
    return history


Learner.fit = fit  # noqa: F821 - the solution's class
