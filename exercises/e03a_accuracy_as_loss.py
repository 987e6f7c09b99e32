# %% [markdown]
# *GENERATED from solutions/e03a_accuracy_as_loss.py by `mnist-grade build` (stub module and notebook). Maintainers: edit that file, then rebuild; never edit this one. Students: replace each `raise NotImplementedError` with your code.*

# %% [markdown]
# # Exercise 3a: why accuracy cannot be the loss
#
# Book section: "The MNIST Loss Function" (its experiment before "Sigmoid").
#
# Shapes used below: `N` images; `x` is float32 `[N, 784]` (28*28 pixels in [0, 1]); `y` is
# float32 `[N, 1]`, **1 for a 3, 0 for a 7**; the linear model's `weights` are `[784, 1]` and its
# `bias` `[1]`, both tracking gradients; its predictions `x @ weights + bias` are raw outputs
# `[N, 1]`, and a raw output above 0.0 means "3".
#
# The book tries the obvious loss first, the accuracy, and shows why it cannot work: nudge one
# weight a little and the accuracy does not move at all, so its gradient is 0 and SGD gets no
# direction from it. You run that experiment on the real training images, compare with the
# loss, and measure both slopes. Run `pytest exercises` (or the last cell of the notebook) to grade your work.

# %%
import torch


def mnist_loss(predictions, targets):
    """The book's loss (exercise 3), given: raw outputs ``[N, 1]``, targets ``[N, 1]``; a
    0-dimensional tensor."""
    predictions = predictions.sigmoid()
    return torch.where(targets == 1, 1 - predictions, predictions).mean()

# %% [markdown]
# ## `accuracy`
# The book's accuracy of raw outputs: a prediction is "3" where it is above 0.0; compare with the
# targets, and average: `((preds > 0.0).float() == targets).float().mean().item()`. Keep both
# `[N, 1]`: a `[N]` tensor compared with a `[N, 1]` tensor broadcasts to `[N, N]`.

# %%
def accuracy(preds, targets):
    """The fraction of right predictions.

    Args:
        preds: raw outputs, float32 ``[N, 1]``. targets: float32 ``[N, 1]``, 1 for a 3.
    Returns:
        a Python float in [0, 1].
    """
    raise NotImplementedError("e03a_accuracy_as_loss: write accuracy here (stuck? .venv/bin/mnist-grade hint e03a_accuracy_as_loss in a terminal, hint('e03a_accuracy_as_loss') in the notebook)")


# %% [markdown]
# ## `nudge`
# Multiply one weight by `factor`, in place, as the book does with `weights[0] *= 1.0001`. Do it
# inside `with torch.no_grad():`: `weights` tracks gradients, and PyTorch refuses to change such
# a tensor in place while it records (and it must stay the same tensor: `weights = weights *
# factor` would only make a new one inside the function).

# %%
def nudge(weights, index, factor):
    """``weights[index] *= factor``, in place, not recorded by autograd.

    Args:
        weights: float32 ``[784, 1]``, tracking gradients; changed in place.
        index: which weight (row). factor: a float, e.g. 1.0001.
    Returns:
        None.
    """
    raise NotImplementedError("e03a_accuracy_as_loss: write nudge here (stuck? .venv/bin/mnist-grade hint e03a_accuracy_as_loss in a terminal, hint('e03a_accuracy_as_loss') in the notebook)")


# %% [markdown]
# ## `nudge_experiment`
# The experiment: the accuracy and the loss (`mnist_loss`, given above) of the linear model
# `x @ weights + bias`, before and after nudging one weight. Try it on the training images with
# the book's `nudge(weights, 0, 1.0001)`, then with a pixel in the middle of the image,
# `nudge(weights, 406, 1.01)` (row 14, column 14). What moves, and what does not? (Why does
# nothing at all move for the book's `weights[0]`? Look at pixel 0 of a few images.)

# %%
def nudge_experiment(x, y, weights, bias, index, factor):
    """Accuracy and loss before and after ``nudge(weights, index, factor)``.

    Args:
        x: float32 ``[N, 784]``. y: float32 ``[N, 1]``. weights: ``[784, 1]`` (nudged in
        place), bias: ``[1]``. index, factor: as for ``nudge``.
    Returns:
        ``(acc_before, acc_after, loss_before, loss_after)``, four Python floats.
    """
    raise NotImplementedError("e03a_accuracy_as_loss: write nudge_experiment here (stuck? .venv/bin/mnist-grade hint e03a_accuracy_as_loss in a terminal, hint('e03a_accuracy_as_loss') in the notebook)")


# %% [markdown]
# ## `slopes`
# A gradient is a slope: how much a value changes per unit change of one weight. Measure it the
# simple way, for the accuracy and for the loss, at several weights: add a small `eps` to
# `weights[i]` (under `torch.no_grad()`), see how much the accuracy and the loss changed,
# divide by `eps`, and put the weight back (`weights[i] -= eps`) before the next one. Compare
# the loss's slopes with what `backward()` puts in `weights.grad` at those rows: they are the
# gradient. And the accuracy's? (Try `eps=1e-2` too: a few predictions cross 0.0, and the slope
# jumps.)

# %%
def slopes(x, y, weights, bias, indices, eps=1e-3):
    """The slopes of the accuracy and of the loss along each weight of ``indices``.

    Args:
        x, y, weights, bias: as for ``nudge_experiment``; ``weights`` is left as it was.
        indices: a list of weight rows. eps: the small change, a float.
    Returns:
        ``(accuracy_slopes, loss_slopes)``: two lists of Python floats, one per index, each
        ``(value with weights[i] + eps - value before) / eps``.
    """
    raise NotImplementedError("e03a_accuracy_as_loss: write slopes here (stuck? .venv/bin/mnist-grade hint e03a_accuracy_as_loss in a terminal, hint('e03a_accuracy_as_loss') in the notebook)")


# %% [markdown]
# ## Why not the accuracy?
# Answer with one letter:
#
# - `"a"`: the accuracy is measured on the validation set, and SGD needs the training set.
# - `"b"`: the accuracy changes only when a prediction crosses 0.0; almost every small change of
#   a weight crosses none, so the accuracy stays the same: its gradient is 0 almost everywhere
#   (and undefined at the jumps), and SGD gets no direction from it.
# - `"c"`: the accuracy lies between 0 and 1, so its gradient is too small to learn from.
# - `"d"`: the accuracy takes longer to compute than the loss.

# %%
def why_not_accuracy():
    """The letter of the right answer above (``"a"``, ``"b"``, ``"c"`` or ``"d"``)."""
    raise NotImplementedError("e03a_accuracy_as_loss: write why_not_accuracy here (stuck? .venv/bin/mnist-grade hint e03a_accuracy_as_loss in a terminal, hint('e03a_accuracy_as_loss') in the notebook)")


# %% [markdown]
# ## Check your work
#
# Run the cell below: it grades the functions defined in this notebook with the
# same checks as `pytest exercises`. Stuck? `hint("e03a_accuracy_as_loss")` gives a nudge,
# `hint("e03a_accuracy_as_loss", 2)` says more.

# %%
if __name__ == "__main__":  # in the notebook; nothing when the grader loads this file
    from autograder.frontends.notebook import check, hint

    check("e03a_accuracy_as_loss", globals())
