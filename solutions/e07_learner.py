# %% [markdown]
# # Exercise 7: a `Learner` from scratch
#
# The chapter's first "Further Research" item: *create your own implementation of `Learner`
# from scratch, based on the training loop shown in this chapter.* Book sections: "Putting It
# All Together" (the training loop) and "Creating an Optimizer" (`BasicOptim`, `train_model`,
# `DataLoaders` and fastai's `Learner`). fastai's version is used as
#
# ```python
# learn = Learner(dls, nn.Linear(28*28, 1), opt_func=SGD,
#                 loss_func=mnist_loss, metrics=batch_accuracy)
# learn.fit(10, lr=1.0)
# ```
#
# Yours bundles the same five things and trains them with the loop you have written by hand:
#
# - `dls`: the data, with `dls.train` and `dls.valid`, each an iterable of `(xb, yb)` batches;
# - `model`: an `nn.Module`, e.g. `nn.Linear(784, 1)` or the book's `simple_net`;
# - `opt_func`: makes the optimizer, `opt = opt_func(model.parameters(), lr)`; the optimizer has
#   `opt.step()` and `opt.zero_grad()` (the book's `BasicOptim`, or `torch.optim.SGD`);
# - `loss_func(preds, yb)` -> a scalar tensor (the book's `mnist_loss`);
# - `metric(preds, yb)` -> a scalar tensor (the book's `batch_accuracy`).
#
# Shapes for 3s and 7s: `xb` float32 `[N, 784]`, `yb` float32 `[N, 1]`, `preds` `[N, 1]`.
# Nothing in `Learner` depends on them: the same class trains ten digits with a cross-entropy.
#
# `BasicOptim`, `mnist_loss` and `batch_accuracy` come from the reference implementation (they
# are the book's), so you can use them as defaults and try your `Learner` in the notebook:
#
# ```python
# learn = Learner(dls, make_simple_net(), BasicOptim, mnist_loss, batch_accuracy)
# learn.fit(3, 0.1)  # -> [0.97..., 0.97..., 0.97...]
# ```
#
# Run `pytest exercises` (or the last cell of the notebook) to grade it.
#
# **Differences from fastai's `Learner`.** This one takes a single `metric` (fastai: `metrics`,
# a list); `fit` returns the validation metric after each epoch (fastai prints a table and keeps
# it in `learn.recorder`); there are no callbacks, no `model.train()`/`model.eval()` switching and
# no learning-rate schedule. The check that trains it on real digits gives it **shuffled**
# training batches (the book's `dl` is every 3, then every 7, unshuffled), starts the model from
# weights the grader drew, and runs 3 epochs instead of 40, to stay fast; it compares your
# `Learner` with the reference trained from the same start on the same batches.

# %%
import torch

from mnist_ref.linear import BasicOptim, batch_accuracy, mnist_loss

# %% [markdown]
# ## `Learner.__init__`
# Keep the five things as attributes with the same names: `self.dls`, `self.model`,
# `self.opt_func`, `self.loss_func`, `self.metric`.
#
# ## `Learner.fit`
# Create the optimizer once, `opt = self.opt_func(self.model.parameters(), lr)`. Then, for each
# of the `n_epoch` epochs:
#
# 1. **train**: for every batch `(xb, yb)` of `self.dls.train`: `loss = self.loss_func(
#    self.model(xb), yb)`, `loss.backward()`, `opt.step()`, `opt.zero_grad()` (the book's
#    `train_epoch`);
# 2. **validate**: on every batch of `self.dls.valid`, without gradients (`torch.no_grad()`), compute
#    `self.metric(self.model(xb), yb)`, and average the batches (the book's `validate_epoch`).
#
# Return the list of the `n_epoch` validation metrics, as Python floats (`.item()`).
# A helper method `validate` is suggested below; you may organise `fit` differently.

# %%
class Learner:
    """Data, model, optimizer, loss and metric, and a ``fit`` method that trains them.

    Args:
        dls: ``dls.train`` and ``dls.valid``: iterables of ``(xb, yb)`` batches.
        model: an ``nn.Module`` mapping ``xb`` (e.g. float32 ``[N, 784]``) to ``preds`` (``[N, 1]``).
        opt_func: ``opt_func(params, lr)`` returns an optimizer with ``step()`` and ``zero_grad()``.
        loss_func: ``loss_func(preds, yb)`` -> a scalar tensor to minimise.
        metric: ``metric(preds, yb)`` -> a scalar tensor, e.g. the fraction right.
    """

    def __init__(self, dls, model, opt_func=BasicOptim, loss_func=mnist_loss,
                 metric=batch_accuracy):
        ### BEGIN SOLUTION
        self.dls, self.model, self.opt_func = dls, model, opt_func
        self.loss_func, self.metric = loss_func, metric
        ### END SOLUTION

    def fit(self, n_epoch, lr):
        """Train for ``n_epoch`` epochs at learning rate ``lr``.

        Returns:
            a list of ``n_epoch`` floats: the mean of ``metric`` over ``dls.valid`` after each epoch.
        """
        ### BEGIN SOLUTION
        opt = self.opt_func(self.model.parameters(), lr)
        history = []
        for _ in range(n_epoch):
            for xb, yb in self.dls.train:
                loss = self.loss_func(self.model(xb), yb)
                loss.backward()
                opt.step()
                opt.zero_grad()
            history.append(self.validate())
        return history
        ### END SOLUTION

    def validate(self):
        """The mean of ``metric`` over the batches of ``dls.valid``, without gradients: a float."""
        ### BEGIN SOLUTION
        with torch.no_grad():
            metrics = [self.metric(self.model(xb), yb) for xb, yb in self.dls.valid]
        return torch.stack(metrics).mean().item()
        ### END SOLUTION
