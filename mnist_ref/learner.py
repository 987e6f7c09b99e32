"""A ``Learner`` written from scratch: the chapter's first "Further Research" item.

It bundles what training needs (data, model, optimizer, loss, metric) and runs the loop the chapter
builds by hand: for each epoch, a training pass over ``dls.train`` and a validation pass over
``dls.valid``. It mirrors fastai's ``Learner(dls, model, opt_func=SGD, loss_func=..., metrics=...)``
and ``learn.fit(n_epoch, lr)``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import torch
from torch import nn

from mnist_ref.linear import BasicOptim, batch_accuracy, mnist_loss
from mnist_ref.loaders import DataLoaders


@dataclass
class EpochStats:
    """What one epoch of :meth:`Learner.fit` measured."""

    epoch: int
    train_loss: float
    valid_loss: float
    metric: float


@dataclass
class Learner:
    """Data, model, optimizer, loss and metric, and a ``fit`` method that trains them.

    Args:
        dls: training and validation loaders of ``(xb, yb)`` batches.
        model: an ``nn.Module`` mapping ``[N, 784]`` to ``[N, O]``.
        opt_func: ``opt_func(params, lr)`` returns an object with ``step()`` and ``zero_grad()``.
        loss_func: ``loss_func(preds, targets)`` -> scalar tensor.
        metric: ``metric(preds, targets)`` -> scalar tensor (the fraction right).
    """

    dls: DataLoaders
    model: nn.Module
    opt_func: Callable = BasicOptim
    loss_func: Callable = mnist_loss
    metric: Callable = batch_accuracy
    history: list[EpochStats] = field(default_factory=list)

    def fit(self, n_epoch: int, lr: float, progress: Callable = iter) -> list[float]:
        """Train for ``n_epoch`` epochs at learning rate ``lr``.

        Returns the ``n_epoch`` values of ``metric`` on ``dls.valid``, one after each epoch (what
        exercise 7's ``fit`` returns); the full statistics of each epoch go to ``self.history``.
        """
        opt = self.opt_func(self.model.parameters(), lr)
        metrics = []
        for epoch in progress(range(n_epoch)):
            self.model.train()
            losses = []
            for xb, yb in self.dls.train:
                loss = self.loss_func(self.model(xb), yb)
                loss.backward()
                opt.step()
                opt.zero_grad()
                losses.append(loss.detach())
            valid_loss, metric = self.evaluate()
            self.history.append(
                EpochStats(epoch, torch.stack(losses).mean().item(), valid_loss, metric)
            )
            metrics.append(metric)
        return metrics

    def validate(self) -> float:
        """``metric`` over the validation set, weighted by batch size: a float (as in exercise 7)."""
        return self.evaluate()[1]

    def evaluate(self) -> tuple[float, float]:
        """Loss and metric over the validation set, each weighted by batch size."""
        self.model.eval()
        total_loss = total_metric = 0.0
        count = 0
        with torch.no_grad():
            for xb, yb in self.dls.valid:
                preds = self.model(xb)
                total_loss += self.loss_func(preds, yb).item() * len(xb)
                total_metric += self.metric(preds, yb).item() * len(xb)
                count += len(xb)
        return total_loss / count, total_metric / count
