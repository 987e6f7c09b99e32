# %% [markdown]
# *GENERATED from solutions/e02_distances.py by `mnist-grade build` (stub module and notebook). Maintainers: edit that file, then rebuild; never edit this one. Students: replace each `raise NotImplementedError` with your code.*

# %% [markdown]
# # Exercise 2: pixel similarity: `mnist_distance`, `is_3` and the baseline's accuracy
#
# Book sections: "First Try: Pixel Similarity" and "Computing Metrics Using Broadcasting".
#
# Shapes used below: an image is float32 `[28, 28]` with values in [0, 1]; `N` images are
# stacked as `[N, 28, 28]`. `mean3` and `mean7` are the mean images `[28, 28]` of the training
# 3s and 7s (exercise 1's `mean_image`).
#
# The baseline needs no training: an image is called a 3 when it is closer to the mean 3 than to
# the mean 7. You write the two distances of the book, the classifier `is_3` and its accuracy.
# Broadcasting does the work: `[N, 28, 28] - [28, 28]` subtracts the mean image from every image
# of the stack, without a loop. The accuracy is also checked on the real validation images.
# Run `pytest exercises` (or the last cell of the notebook) to grade them.
#
# The images are float32, as exercise 1 made them: on raw `uint8` images `a - b` would wrap
# around wherever `b` is brighter (`3 - 7` is 252 in `uint8`), and `.mean()` would refuse them.
#
# **Differences from the book.** The book's `is_3` reads the globals `mean3` and `mean7`; here
# they are arguments. The book computes the RMSE only for one image (`dist_3_sqr`);
# `rmse_distance` gives it the shape rules of `mnist_distance` (one distance per image of a
# stack), so both distances can classify the validation set.
#
# **The rule of this exercise**: write the distances yourself, with tensor operations (`a - b`,
# `.abs()`, `** 2`, `.mean`, `.sqrt()`). PyTorch's ready-made losses, norms and distances are
# turned off while it is graded, and a call to one of them fails the check that made it:
# `F.l1_loss`, `F.smooth_l1_loss` and `F.mse_loss` (which `nn.L1Loss` and `nn.MSELoss` call too),
# `torch.norm` and the method `.norm()`, `torch.linalg.norm`, `torch.linalg.vector_norm`,
# `torch.linalg.matrix_norm`, `torch.cdist`, `torch.dist` and the method `.dist()`, and
# `F.pairwise_distance` (`torch.pairwise_distance`). Everything else is allowed.

# %%
import torch  # noqa: F401 - for your code: torch.abs, torch.sqrt, ...

# %% [markdown]
# ## `mnist_distance`
# The mean absolute difference (the *L1 norm*) between images: subtract, take the absolute
# value, average. Average over the **last two axes** (the rows and columns of the pixels), so that
# the same function gives one distance per image for a stack `[N, 28, 28]` against one image
# `[28, 28]`, and a single number (a 0-dimensional tensor) for two images `[28, 28]`.
# `mean((-1, -2))` names those axes from the end. Write it with tensor operations (see the rule
# above: not `F.l1_loss`, nor a norm).

# %%
def mnist_distance(a, b):
    """Mean absolute difference over the last two axes, broadcasting ``a`` against ``b``.

    Args:
        a: float32 ``[N, 28, 28]`` or ``[28, 28]``. b: float32 ``[28, 28]``.
    Returns:
        float32 ``[N]``, one distance per image of ``a``; a 0-dimensional tensor ``[]`` when
        ``a`` is a single image ``[28, 28]``.
    """
    raise NotImplementedError("e02_distances: write mnist_distance here (stuck? .venv/bin/mnist-grade hint e02_distances in a terminal, hint('e02_distances') in the notebook)")


# %% [markdown]
# ## `rmse_distance`
# The root mean squared error (the *L2 norm*): square the differences, average them, then take
# the square root, in that order. Squaring punishes big differences more than small ones. Same
# axes and shapes as `mnist_distance` (and, by the rule above, not `F.mse_loss`, nor a norm).

# %%
def rmse_distance(a, b):
    """Root mean squared difference over the last two axes, broadcasting ``a`` against ``b``.

    Args:
        a: float32 ``[N, 28, 28]`` or ``[28, 28]``. b: float32 ``[28, 28]``.
    Returns:
        float32 ``[N]``, or ``[]`` for a single image ``a``.
    """
    raise NotImplementedError("e02_distances: write rmse_distance here (stuck? .venv/bin/mnist-grade hint e02_distances in a terminal, hint('e02_distances') in the notebook)")


# %% [markdown]
# ## `is_3`
# The classifier: compare each image's `mnist_distance` to the mean 3 with its distance to the
# mean 7. A comparison of two tensors `[N]` gives a bool tensor `[N]`.

# %%
def is_3(x, mean3, mean7):
    """True where an image is closer (``mnist_distance``) to ``mean3`` than to ``mean7``.

    Args:
        x: float32 ``[N, 28, 28]``. mean3, mean7: float32 ``[28, 28]``.
    Returns:
        bool ``[N]``.
    """
    raise NotImplementedError("e02_distances: write is_3 here (stuck? .venv/bin/mnist-grade hint e02_distances in a terminal, hint('e02_distances') in the notebook)")


# %% [markdown]
# ## `pixel_similarity_accuracy`
# The accuracy on the 3s is the fraction of them that `is_3` calls a 3; the accuracy on the 7s
# is the fraction that it does **not** call a 3. The book then reports the plain average of the
# two (each digit counts the same, however many images it has). `bool_tensor.float().mean()`
# is a fraction; `.item()` turns a one-element tensor into a Python float.

# %%
def pixel_similarity_accuracy(valid_3, valid_7, mean3, mean7):
    """The baseline's accuracy on validation 3s and 7s.

    Args:
        valid_3: float32 ``[N3, 28, 28]``, images of 3s. valid_7: float32 ``[N7, 28, 28]``, 7s.
        mean3, mean7: float32 ``[28, 28]``, the mean training images.
    Returns:
        ``(acc_3, acc_7, average)``, three Python floats in [0, 1]: the accuracy on the 3s, on
        the 7s, and ``(acc_3 + acc_7) / 2``.
    """
    raise NotImplementedError("e02_distances: write pixel_similarity_accuracy here (stuck? .venv/bin/mnist-grade hint e02_distances in a terminal, hint('e02_distances') in the notebook)")


# %% [markdown]
# ## Check your work
#
# Run the cell below: it grades the functions defined in this notebook with the
# same checks as `pytest exercises`. Stuck? `hint("e02_distances")` gives a nudge,
# `hint("e02_distances", 2)` says more.

# %%
if __name__ == "__main__":  # in the notebook; nothing when the grader loads this file
    from autograder.frontends.notebook import check, hint

    check("e02_distances", globals())
