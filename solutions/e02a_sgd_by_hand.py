# %% [markdown]
# # Exercise 2a: gradients and SGD by hand
#
# Book section: "Stochastic Gradient Descent (SGD)", with its parts "Calculating Gradients",
# "Stepping With a Learning Rate" and "An End-to-End SGD Example".
#
# Shapes used below: `time` and `speed` are float32 `[20]` (one measurement per second);
# `params` is float32 `[3]`, the `a, b, c` of the quadratic `a*t**2 + b*t + c`, a tensor that
# tracks gradients. Everything here runs on the CPU, as in the book.
#
# First you let PyTorch compute gradients (`requires_grad_`, then `backward`), then you fit the
# book's roller coaster with SGD, step by step, and reproduce the losses the book prints. Last,
# you try other learning rates, plot what happens, and say why. Run `pytest exercises` (or the
# last cell of the notebook) to grade your work.

# %%
import matplotlib.pyplot as plt
import torch

# %% [markdown]
# ## `grad_at`
# The book computes the gradient of `x**2` at 3: mark the tensor with `requires_grad_()`, call
# the function, call `backward()` on the result, and read `.grad`. Write that for any function
# `f` that returns one number: `grad_at(lambda x: x**2, torch.tensor(3.))` is `tensor(6.)`, and
# for the sum of squares `grad_at(lambda x: (x**2).sum(), torch.tensor([3., 4., 10.]))` is
# `tensor([6., 8., 20.])`. Work on a copy (`x.detach().clone()`), so that the caller's tensor
# is left as it was.

# %%
def grad_at(f, x):
    """The gradient of ``f`` at ``x``, computed by PyTorch (``requires_grad_`` and ``backward``).

    Args:
        f: a function of one tensor that returns a 0-dimensional tensor.
        x: float32 ``[]`` (one number) or ``[n]``; not changed.
    Returns:
        float32, the shape of ``x``: the derivative of ``f`` at ``x``.
    """
    ### BEGIN SOLUTION
    xt = x.detach().clone().requires_grad_()
    yt = f(xt)
    yt.backward()
    return xt.grad
    ### END SOLUTION


# %% [markdown]
# ## The roller coaster: `coaster`, `f` and `mse`
# The book measures a roller coaster's speed every second for 20 seconds (a noisy parabola) and
# draws random starting parameters. Draw them as the book does, in the book's order, after
# `torch.manual_seed(seed)`: `time` is `torch.arange(0, 20).float()`, then
# `speed = torch.randn(20)*3 + 0.75*(time-9.5)**2 + 1`, then
# `params = torch.randn(3).requires_grad_()`. With seed 42 these are the book's numbers: its
# first loss is 25823.8086.
#
# `f(t, params)` is the book's quadratic and `mse` its mean squared error.

# %%
def coaster(seed=42):
    """The book's data and starting parameters, drawn after ``torch.manual_seed(seed)``.

    Returns:
        ``(time, speed, params)``: float32 ``[20]`` (0., 1., ..., 19.), float32 ``[20]``, and
        float32 ``[3]`` that tracks gradients.
    """
    ### BEGIN SOLUTION
    torch.manual_seed(seed)
    time = torch.arange(0, 20).float()
    speed = torch.randn(20) * 3 + 0.75 * (time - 9.5) ** 2 + 1
    params = torch.randn(3).requires_grad_()
    return time, speed, params
    ### END SOLUTION


def f(t, params):
    """``a*t**2 + b*t + c`` for ``a, b, c = params``: ``t`` float32 ``[N]``; returns ``[N]``."""
    ### BEGIN SOLUTION
    a, b, c = params
    return a * (t**2) + (b * t) + c
    ### END SOLUTION


def mse(preds, targets):
    """Mean squared error: ``preds`` and ``targets`` float32 ``[N]``; a 0-dimensional tensor."""
    ### BEGIN SOLUTION
    return ((preds - targets) ** 2).mean()
    ### END SOLUTION


# %% [markdown]
# ## `apply_step` and `run_sgd`
# One step of SGD is the book's `apply_step`: predict, compute the loss, `backward()`, move each
# parameter against its gradient (`params.data -= lr * params.grad.data`), and reset the gradient
# (`params.grad = None`), or the next `backward()` adds to it. The book's version reads `time`,
# `speed` and `lr` from the notebook and prints the loss; here they are arguments, and the loss
# (before the step, as a Python float: `.item()`) is returned.
#
# `run_sgd` repeats it `steps` times and returns the losses. From `coaster(42)` with `lr=1e-5`
# and 11 steps you get 25823.8086 and then the ten losses the book's loop prints (5435.5366,
# 1577.4496, ..., 676.9537): the book takes its first step by hand before that loop.

# %%
def apply_step(params, time, speed, lr, loss_func=mse):
    """One SGD step on ``params`` (changed in place) with the loss ``loss_func``.

    Args:
        params: float32 ``[3]``, tracking gradients. time, speed: float32 ``[20]``.
        lr: the learning rate (a float). loss_func: ``loss_func(preds, targets)``, as ``mse``.
    Returns:
        the loss before the step, a Python float.
    """
    ### BEGIN SOLUTION
    preds = f(time, params)
    loss = loss_func(preds, speed)
    loss.backward()
    params.data -= lr * params.grad.data
    params.grad = None
    return loss.item()
    ### END SOLUTION


def run_sgd(params, time, speed, lr, steps, loss_func=mse):
    """``steps`` calls of ``apply_step`` on ``params`` (changed in place).

    Returns:
        a list of ``steps`` Python floats: the loss before each step.
    """
    ### BEGIN SOLUTION
    return [apply_step(params, time, speed, lr, loss_func) for _ in range(steps)]
    ### END SOLUTION


# %% [markdown]
# ## A learning-rate sweep: `lr_sweep` and `plot_sweep`
# Which learning rate? Try several, each **from the same start**: `run_sgd` changes the tensor it
# is given, so give each run its own copy, `params.detach().clone().requires_grad_()`. (The
# book's `orig_params.detach()` is not a copy: it shares its numbers with `orig_params`, so a
# second run would start where the first one ended.)
#
# Then plot the losses: one line per learning rate, the step on the x axis and the loss on the
# y axis (`ax.set_yscale("log")` shows them all, from 1e29 to 677), with a legend. Try
# `lr_sweep(params, time, speed, [1e-6, 1e-5, 1e-4], 20)`, then the book's `.sqrt()` variant of
# the loss at `1e-5`: `loss_func=lambda p, t: mse(p, t).sqrt()`.

# %%
def lr_sweep(params, time, speed, lrs, steps, loss_func=mse):
    """``run_sgd`` for each learning rate of ``lrs``, each from a fresh copy of ``params``.

    Args:
        params: float32 ``[3]``, the start; not changed. lrs: a list of floats.
    Returns:
        a list with one list of ``steps`` losses (Python floats) per learning rate, in order.
    """
    ### BEGIN SOLUTION
    return [run_sgd(params.detach().clone().requires_grad_(), time, speed, lr, steps, loss_func)
            for lr in lrs]
    ### END SOLUTION


def plot_sweep(sweep, lrs):
    """A figure with one line per learning rate: the losses of ``sweep[i]`` (y) against the
    step 0, 1, ... (x), labelled with ``lrs[i]``.

    Returns:
        the matplotlib Figure.
    """
    ### BEGIN SOLUTION
    fig, ax = plt.subplots()
    for losses, lr in zip(sweep, lrs):
        ax.plot(range(len(losses)), losses, label=f"lr={lr:g}")
    ax.set_yscale("log")
    ax.set_xlabel("step")
    ax.set_ylabel("loss")
    ax.legend()
    return fig
    ### END SOLUTION


# %% [markdown]
# Run the cell below (in the notebook; the grader skips it): the book's losses, then the sweep,
# then the `.sqrt()` variant at `1e-5`.

# %%
if __name__ == "__main__":
    try:
        time, speed, params = coaster(42)
        print(run_sgd(params.detach().clone().requires_grad_(), time, speed, 1e-5, 11))
        plot_sweep(lr_sweep(params, time, speed, [1e-6, 1e-5, 1e-4], 20), [1e-6, 1e-5, 1e-4])
        plot_sweep(lr_sweep(params, time, speed, [1e-5], 20, lambda p, t: mse(p, t).sqrt()),
                   [1e-5])
    except NotImplementedError as err:  # a function above is still to write
        print(f"not yet: {err}")


# %% [markdown]
# ## What the sweep shows
# Look at your plot of `lr_sweep(params, time, speed, [1e-6, 1e-5, 1e-4], 20)` (from
# `coaster(42)`) and say, for each learning rate, what happened in 20 steps: `"too small"` (the
# loss goes down, but is still far from the best fit, about 677), `"good"` (it gets there), or
# `"diverges"` (the loss grows).

# %%
def sweep_verdicts():
    """What each learning rate of the sweep did.

    Returns:
        a dict ``{1e-6: word, 1e-5: word, 1e-4: word}``, each word ``"too small"``, ``"good"``
        or ``"diverges"``.
    """
    ### BEGIN SOLUTION
    return {1e-6: "too small", 1e-5: "good", 1e-4: "diverges"}
    ### END SOLUTION


# %% [markdown]
# Why does `1e-4` diverge? Answer with one letter:
#
# - `"a"`: the gradients vanish, so the parameters stop moving.
# - `"b"`: each step overshoots the bottom of the loss by more than the parameters were away from
#   it, so the error grows, the gradient grows with it, and the next step overshoots more.
# - `"c"`: 20 steps are too few: with more steps it would come back down.
# - `"d"`: float32 cannot hold the first loss, 25823.8, exactly.
#
# And why does the `.sqrt()` variant of `mse` barely move at `1e-5`?
#
# - `"a"`: a square root has no gradient, so `backward()` gives zeros.
# - `"b"`: the square root makes the loss smaller, so the model is already close to the best fit.
# - `"c"`: the gradient of `sqrt(L)` is the gradient of `L` divided by `2 * sqrt(L)`: with `L`
#   about 25800 at the start, every step is about 320 times smaller than with `mse`; the same
#   minimum, but it needs a larger learning rate.
# - `"d"`: `.sqrt()` gives NaN for negative errors.

# %%
def why_it_diverges():
    """The letter of the right answer above (``"a"``, ``"b"``, ``"c"`` or ``"d"``)."""
    ### BEGIN SOLUTION
    return "b"
    ### END SOLUTION


def why_sqrt_is_slow():
    """The letter of the right answer above (``"a"``, ``"b"``, ``"c"`` or ``"d"``)."""
    ### BEGIN SOLUTION
    return "c"
    ### END SOLUTION
