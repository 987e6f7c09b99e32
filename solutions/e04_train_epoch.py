# %% [markdown]
# # Exercise 4: the training loop: `calc_grad`, `train_epoch`, `validate_epoch`, `train_model`
#
# Book sections: "Putting It All Together" and "Creating an Optimizer".
#
# Shapes used below: `N` is the batch size; `784 = 28*28` pixels per image. A mini-batch is a
# pair `(xb, yb)`: inputs `xb` float32 `[N, 784]`, targets `yb` float32 `[N, 1]` (1 for a 3,
# 0 for a 7). A *model* is anything you can call on `xb` that returns raw outputs `[N, 1]`, for
# example `lambda xb: linear1(xb, weights, bias)` or an `nn.Linear(784, 1)`. A *loader* (`dl`,
# `valid_dl`) is anything you can loop over with `for xb, yb in dl`: a list of batches, a PyTorch
# `DataLoader`, or the reference's `TensorLoader`. `params` is a list (or tuple) of the tensors
# to train, each a leaf with `requires_grad=True`.
#
# You write four functions and one small class. Each is checked alone (with the reference's
# version of the others around it), and then everything together trains the book's linear model
# on real 3s and 7s, which must reach the reference's accuracy.
#
# **Why `dl` and `params` are arguments here.** In the book, `train_epoch(model, lr, params)`
# loops over a global `dl`, and `calc_grad` calls a global `mnist_loss`: that works in a notebook
# where everything lives in one place, but the function then silently depends on whatever `dl`
# means at the moment you call it (re-run a cell and it trains on other data), and nobody can call
# it on a different loader (a grader, or you, training on the validation set by mistake, would
# never see it). Passing every dependency explicitly makes each function testable on its own and
# makes the data it trains on visible at the call site. The loss and the metric default to the
# book's `mnist_loss` and `batch_accuracy`, imported below from the reference implementation.
#
# **Other differences from the book.** The book defines `train_epoch` twice (first with
# `params`, then with a global optimizer `opt`); here `train_epoch` keeps the first form and
# `train_model` takes the learning rate, the parameters and both loaders. The check that trains
# your loop on real digits gives it **shuffled** training batches, where the book's
# `DataLoader(dset, batch_size=256)` does not shuffle: the book's data is every 3 then every 7,
# so each of its batches holds one digit only and every step pulls the model towards that digit.
# Measured here (the linear model, lr 1.0, seeds 0 and 42, the complete MNIST_SAMPLE): after one
# epoch 0.63 and 0.73 accuracy unshuffled against 0.79 and 0.88 shuffled; after 20 epochs 0.963
# to 0.970 either way. Your loop does not shuffle anything itself: it trains on the batches it is
# given, as the book's does.

# %%
import torch

from mnist_ref.linear import batch_accuracy, mnist_loss

# %% [markdown]
# ## `calc_grad`
# One forward pass and one backward pass: predictions, loss, then `loss.backward()`, which
# **adds** `d(loss)/d(param)` into the `.grad` of every parameter the loss depends on. It does not
# zero anything: that is the job of whoever steps the parameters. Return the loss (handy to
# print), or nothing, as the book's `calc_grad` does.

# %%
def calc_grad(xb, yb, model, loss_func=mnist_loss):
    """Forward pass, loss, backward pass.

    Args:
        xb: inputs, float32 ``[N, 784]``.
        yb: targets, float32 ``[N, 1]``.
        model: a callable mapping ``xb`` to raw outputs ``[N, 1]``.
        loss_func: ``loss_func(predictions, targets)`` -> scalar tensor.
    Returns:
        the loss, a scalar (0-dimensional) tensor (or None, as in the book). As a side effect,
        the gradient of the loss is added into the ``.grad`` of each parameter of ``model``.
    """
    ### BEGIN SOLUTION
    loss = loss_func(model(xb), yb)
    loss.backward()
    return loss
    ### END SOLUTION


# %% [markdown]
# ## `train_epoch`
# One pass over the training loader. For every mini-batch: `calc_grad`, then for each parameter
# `p.data -= p.grad * lr` and `p.grad.zero_()`. Two things the book warns about:
#
# - The step must happen *outside* autograd. `p -= ...` on a parameter that requires grad raises
#   an error, and `p = p - ...` only rebinds the loop variable: the parameter never changes.
#   Update `p.data` (as the book does) or wrap the update in `with torch.no_grad():`.
# - `backward()` adds to `.grad`, so the gradient must be cleared between batches, or each step
#   would use every earlier batch's gradient too. Zero it right after each step, as the book does
#   (`p.grad.zero_()`), or clear it before each `calc_grad`, as PyTorch code usually does with
#   `opt.zero_grad()` before `backward()`: either way, each step uses its own batch's gradient.

# %%
def train_epoch(model, lr, params, dl, loss_func=mnist_loss):
    """One epoch of SGD over ``dl``.

    Args:
        model: a callable mapping ``xb`` ``[N, 784]`` to raw outputs ``[N, 1]``.
        lr: the learning rate (a float).
        params: the tensors to train (a list or tuple of leaves with ``requires_grad``).
        dl: an iterable of ``(xb, yb)`` mini-batches; every batch is used once.
        loss_func: ``loss_func(predictions, targets)`` -> scalar tensor.
    Returns:
        nothing; the parameters are updated in place (``lr`` times the gradient of
        ``loss_func`` on each batch), every one of them, the bias too.
    """
    ### BEGIN SOLUTION
    for xb, yb in dl:
        calc_grad(xb, yb, model, loss_func)
        for p in params:
            p.data -= p.grad * lr
            p.grad.zero_()
    ### END SOLUTION


# %% [markdown]
# ## `validate_epoch`
# The metric on every validation batch, then their mean, rounded to 4 decimals as in the book.
# No gradients are needed here: `with torch.no_grad():` saves time and memory.

# %%
def validate_epoch(model, valid_dl, metric=batch_accuracy):
    """The mean of ``metric`` over the batches of ``valid_dl``.

    Args:
        model: a callable mapping ``xb`` to raw outputs ``[N, 1]``.
        valid_dl: an iterable of ``(xb, yb)`` validation batches.
        metric: ``metric(predictions, targets)`` -> scalar tensor (e.g. the fraction right).
    Returns:
        a Python float: the mean of the per-batch metrics, rounded to 4 decimals.
    """
    ### BEGIN SOLUTION
    with torch.no_grad():
        accs = [metric(model(xb), yb) for xb, yb in valid_dl]
    return round(torch.stack(accs).mean().item(), 4)
    ### END SOLUTION


# %% [markdown]
# ## `BasicOptim`
# The book's first optimizer: it remembers the parameters and the learning rate, `step()` moves
# each parameter against its gradient, and `zero_grad()` clears the gradients (set them to
# `None`, as the book does, or zero them). Careful: `model.parameters()` is a *generator*, which
# can be looped over only once; keep `list(params)`.

# %%
class BasicOptim:
    """Plain SGD: ``p -= lr * p.grad`` for every parameter.

    Args:
        params: an iterable of tensors to train (a list, or ``model.parameters()``).
        lr: the learning rate.
    """

    def __init__(self, params, lr):
        ### BEGIN SOLUTION
        self.params, self.lr = list(params), lr
        ### END SOLUTION

    def step(self, *args, **kwargs):
        """Move every parameter by ``-lr * grad``, outside autograd."""
        ### BEGIN SOLUTION
        for p in self.params:
            p.data -= p.grad.data * self.lr
        ### END SOLUTION

    def zero_grad(self, *args, **kwargs):
        """Clear every parameter's gradient (``None`` or zeros)."""
        ### BEGIN SOLUTION
        for p in self.params:
            p.grad = None
        ### END SOLUTION


# %% [markdown]
# ## `train_model`
# Putting it all together: for each epoch, one `train_epoch` over `dl`, then one
# `validate_epoch` over `valid_dl` (the validation set, never the training set: accuracy on the
# data you trained on says little about new images). Return the list of validation accuracies,
# one per epoch, so you can see the training progress. Use every argument as given: the checks
# change `epochs`, `lr`, `loss_func` and `metric` one at a time.

# %%
def train_model(model, epochs, lr, params, dl, valid_dl, loss_func=mnist_loss,
                metric=batch_accuracy):
    """Train for ``epochs`` epochs and validate after each one.

    Args:
        model, lr, params, dl, loss_func: as for ``train_epoch``.
        epochs: how many passes over ``dl``.
        valid_dl: the validation batches, used by ``validate_epoch`` after every epoch.
        metric: as for ``validate_epoch``.
    Returns:
        a list of ``epochs`` floats: the validation metric after each epoch.
    """
    ### BEGIN SOLUTION
    history = []
    for _ in range(epochs):
        train_epoch(model, lr, params, dl, loss_func)
        history.append(validate_epoch(model, valid_dl, metric))
    return history
    ### END SOLUTION
