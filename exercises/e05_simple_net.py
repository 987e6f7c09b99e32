# %% [markdown]
# *GENERATED from solutions/e05_simple_net.py by `mnist-grade build` (stub module and notebook). Maintainers: edit that file, then rebuild; never edit this one. Students: replace each `raise NotImplementedError` with your code.*

# %% [markdown]
# # Exercise 5: a neural network: `simple_net`
#
# Book section: "Adding a Nonlinearity".
#
# Shapes used below: `N` is the batch size; `784 = 28*28` pixels per image; `H` hidden units (30
# in the book); `O` outputs (1 for 3-vs-7, 10 for all ten digits). Inputs `xb` are float32
# `[N, 784]`. The network is two linear layers with a ReLU between them:
#
# $$\text{out} = \max(0,\ xb \cdot w_1 + b_1) \cdot w_2 + b_2
# \qquad [N, 784] \to [N, H] \to [N, O]$$
#
# Without the ReLU, two linear layers in a row are just one linear layer (a product of matrices
# is a matrix): the nonlinearity between them is what lets the network learn more than a linear
# model can.
#
# You write the network twice: once by hand from four parameter tensors (`init_simple_net`,
# `simple_net`), once with PyTorch modules (`make_simple_net`). The checks compare both with the
# reference on fixed inputs, then train each on real 3s and 7s with the reference training loop.
#
# **Differences from the book.** The book writes `simple_net` by hand with `init_params` at
# `std=1.0` but trains only the `nn.Sequential` version (with fastai's `Learner`, whose
# `nn.Linear` layers draw their own, smaller weights). The training check here trains your
# by-hand network too, and starts it from the reference `init_simple_net(std=0.1)`, not 1.0:
# with 784 inputs, `std=1.0` gives hidden pre-activations with a standard deviation of 9 to 10
# and raw outputs of 18 to 26 on the training 3s and 7s (seeds 0, 1, 2, 42), 85% to 96% of them
# beyond +-5, on the sigmoid's flat tails where almost no gradient flows; at `std=0.1`, outputs
# of about 0.2 and none beyond +-5. Trained the chapter's way (lr 0.1, 40 epochs, unshuffled,
# four seeds), `std=1.0` left one seed at 0.503 accuracy for all 40 epochs, with 99.5% of its
# outputs saturated; at `std=0.1` all four reached 0.977 to 0.984. The checks also use
# **shuffled** training batches (the book's are every 3, then every 7) and 3 epochs instead of the
# book's 40, to stay fast. Your `init_simple_net` keeps the book's default, `std=1.0`: try both
# and watch the first epochs.

# %%
import torch
from torch import nn

from mnist_ref.linear import init_params

# %% [markdown]
# ## `init_simple_net`
# The four parameters of the book's network, drawn with `init_params` (normal, scaled by `std`,
# tracking gradients): `w1` `[n_in, n_hidden]`, `b1` `[n_hidden]` (one bias per hidden unit),
# `w2` `[n_hidden, n_out]`, `b2` `[n_out]`.

# %%
def init_simple_net(n_in=28 * 28, n_hidden=30, n_out=1, std=1.0):
    """Random parameters for ``simple_net``.

    Args:
        n_in: inputs per image (784); n_hidden: hidden units H; n_out: outputs O.
        std: the standard deviation of the normal draws (the book uses 1.0).
    Returns:
        the tuple ``(w1, b1, w2, b2)`` of float32 tensors with shapes ``[n_in, H]``, ``[H]``,
        ``[H, O]``, ``[O]``, each a leaf with ``requires_grad=True``.
    """
    raise NotImplementedError("e05_simple_net: write init_simple_net here (stuck? .venv/bin/mnist-grade hint e05_simple_net in a terminal, hint('e05_simple_net') in the notebook)")


# %% [markdown]
# ## `simple_net`
# The book's network, by hand: a linear layer, a ReLU (`res.max(tensor(0.0))`, elementwise: every
# negative number becomes 0, the others stay), and a second linear layer. The ReLU goes between
# the two layers, not after the second one.

# %%
def simple_net(xb, w1, b1, w2, b2):
    """``relu(xb @ w1 + b1) @ w2 + b2``.

    Args:
        xb: float32 ``[N, n_in]``.
        w1, b1, w2, b2: as returned by ``init_simple_net``: ``[n_in, H]``, ``[H]``, ``[H, O]``,
            ``[O]``.
    Returns:
        float32 ``[N, O]``: the raw outputs (logits).
    """
    raise NotImplementedError("e05_simple_net: write simple_net here (stuck? .venv/bin/mnist-grade hint e05_simple_net in a terminal, hint('e05_simple_net') in the notebook)")


# %% [markdown]
# ## `make_simple_net`
# The same network with PyTorch's building blocks: `nn.Linear(n_in, n_hidden)`, `nn.ReLU()`,
# `nn.Linear(n_hidden, n_out)` in an `nn.Sequential`. Each `nn.Linear` creates and initializes
# its own weight and bias, and `model.parameters()` lists all four for an optimizer.

# %%
def make_simple_net(n_in=28 * 28, n_hidden=30, n_out=1):
    """``nn.Linear -> nn.ReLU -> nn.Linear``: ``[N, n_in]`` -> ``[N, n_hidden]`` -> ``[N, n_out]``.

    Returns:
        an ``nn.Module`` (the book's is an ``nn.Sequential``) whose parameters are the two
        layers' weights and biases.
    """
    raise NotImplementedError("e05_simple_net: write make_simple_net here (stuck? .venv/bin/mnist-grade hint e05_simple_net in a terminal, hint('e05_simple_net') in the notebook)")


# %% [markdown]
# ## Check your work
#
# Run the cell below: it grades the functions defined in this notebook with the
# same checks as `pytest exercises`. Stuck? `hint("e05_simple_net")` gives a nudge,
# `hint("e05_simple_net", 2)` says more.

# %%
if __name__ == "__main__":  # in the notebook; nothing when the grader loads this file
    from autograder.frontends.notebook import check, hint

    check("e05_simple_net", globals())
