# %% [markdown]
# # Exercise 5a: the book's fastai path: `DataLoaders`, `Learner`, `fit`
#
# Book sections: "Putting It All Together" (`DataLoaders`, `Learner`, `learn.fit`) and "Adding a
# Nonlinearity" (`simple_net` with `nn.Sequential`). After writing the training loop by hand, the
# chapter hands it to fastai:
#
# ```python
# dls = DataLoaders(dl, valid_dl)
# learn = Learner(dls, nn.Linear(28*28, 1), opt_func=SGD,
#                 loss_func=mnist_loss, metrics=batch_accuracy)
# learn.fit(10, lr=lr)
# ```
#
# and then does the same with its `simple_net`, for 40 epochs at `lr=0.1`. You write those steps
# as four small functions.
#
# Shapes used below: `N` training images, `M` validation images; `x` float32 `[N, 784]` (28*28
# pixels in [0, 1]); `y` float32 `[N, 1]`, 1 for a 3 and 0 for a 7. `mnist_loss` and
# `batch_accuracy` are the book's (imported below).
#
# **This exercise is slow**: its checks import fastai in the grader's worker (a few seconds) and
# train both models on the whole of MNIST_SAMPLE as the book does (10 epochs of `nn.Linear`, 40 of
# `simple_net`): about half a minute in all on a laptop's CPU, more on a busy machine.
#
# **A difference from the book**: the book's `DataLoader(dset, batch_size=256)` does not shuffle,
# and its training data is all the 3s followed by all the 7s, so every batch of the first half of
# an epoch holds only 3s and every batch of the second half only 7s. The model is pushed one way,
# then the other: the book's own table shows 0.508 after the first epoch (it recovers later). Here
# the training loader shuffles (`shuffle=True`), as every real training loader does; exercise 5b
# shows what the unshuffled batches do.

# %%
from fastai.data.core import DataLoaders
from fastai.data.load import DataLoader
from fastai.learner import Learner
from fastai.optimizer import SGD
from torch import nn

from mnist_ref.linear import batch_accuracy, mnist_loss

# %% [markdown]
# ## `make_dls`
# The book's datasets are lists of `(image, target)` pairs, `list(zip(x, y))`; fastai's
# `DataLoader(dset, batch_size=bs, shuffle=...)` cuts one into mini-batches `xb [bs, 784]`,
# `yb [bs, 1]` (the last one smaller), and `DataLoaders(dl, valid_dl)` bundles the training and the
# validation loaders, as `dls.train` and `dls.valid`. Shuffle the training loader; keep the
# validation loader in order.

# %%
def make_dls(train_x, train_y, valid_x, valid_y, bs=256):
    """fastai ``DataLoaders`` over the book's datasets.

    Args:
        train_x: float32 ``[N, 784]``; train_y: float32 ``[N, 1]``.
        valid_x: float32 ``[M, 784]``; valid_y: float32 ``[M, 1]``.
        bs: items per batch.
    Returns:
        ``DataLoaders(dl, valid_dl)``: ``dl`` yields shuffled ``(xb [bs, 784], yb [bs, 1])``
        batches of the training pairs (a new order every epoch), ``valid_dl`` the validation
        pairs in order.
    """
    ### BEGIN SOLUTION
    dset = list(zip(train_x, train_y))
    valid_dset = list(zip(valid_x, valid_y))
    dl = DataLoader(dset, batch_size=bs, shuffle=True)
    valid_dl = DataLoader(valid_dset, batch_size=bs)
    return DataLoaders(dl, valid_dl)
    ### END SOLUTION


# %% [markdown]
# ## `make_learner`
# The book's `Learner`: the data, the model, the optimizer *function* (fastai's `SGD`: fastai's
# default is another optimizer, Adam), the loss to minimise and the metric to print.

# %%
def make_learner(dls, model):
    """``Learner(dls, model, opt_func=SGD, loss_func=mnist_loss, metrics=batch_accuracy)``.

    Args:
        dls: the ``DataLoaders`` of ``make_dls``.
        model: an ``nn.Module`` mapping ``[N, 784]`` to raw outputs ``[N, 1]``.
    Returns:
        a fastai ``Learner`` (not trained yet).
    """
    ### BEGIN SOLUTION
    return Learner(dls, model, opt_func=SGD, loss_func=mnist_loss, metrics=batch_accuracy)
    ### END SOLUTION


# %% [markdown]
# ## `fit_linear` and `fit_simple_net`
# The chapter's two runs: a `Learner` around `nn.Linear(28*28, 1)`, then around the book's
# `simple_net`, `nn.Sequential(nn.Linear(28*28, 30), nn.ReLU(), nn.Linear(30, 1))`, each trained
# with `learn.fit(n_epoch, lr)`. Use your `make_learner`, and return the trained `Learner`: after
# `fit`, `learn.recorder.values` holds one row per epoch (training loss, validation loss,
# `batch_accuracy`), and `learn.model` the trained model.

# %%
def fit_linear(dls, n_epoch=10, lr=1.0):
    """A ``Learner`` around a fresh ``nn.Linear(28*28, 1)``, trained ``n_epoch`` epochs at ``lr``.

    Returns:
        the trained ``Learner``.
    """
    ### BEGIN SOLUTION
    learn = make_learner(dls, nn.Linear(28 * 28, 1))
    learn.fit(n_epoch, lr=lr)
    return learn
    ### END SOLUTION


def fit_simple_net(dls, n_epoch=40, lr=0.1):
    """A ``Learner`` around a fresh ``simple_net`` (784 -> 30 -> ReLU -> 1), trained ``n_epoch``
    epochs at ``lr``.

    Returns:
        the trained ``Learner``.
    """
    ### BEGIN SOLUTION
    simple_net = nn.Sequential(nn.Linear(28 * 28, 30), nn.ReLU(), nn.Linear(30, 1))
    learn = make_learner(dls, simple_net)
    learn.fit(n_epoch, lr)
    return learn
    ### END SOLUTION


# %% [markdown]
# ## Try it
# With your data from exercise 1 (or `mnist_ref`'s), in the notebook:
#
# ```python
# dls = make_dls(train_x, train_y, valid_x, valid_y)
# learn = fit_linear(dls)        # prints a table: one row per epoch, batch_accuracy about 0.98
# learn = fit_simple_net(dls)    # 40 epochs: batch_accuracy about 0.98
# ```
