# GENERATED from solutions/questionnaire.yaml by `mnist-grade build` (stub module). Maintainers: edit that file, then rebuild; never edit this one. Students: replace each `raise NotImplementedError` with your code.
"""Chapter 4 questionnaire: the code questions, one function each.

Grade them with `pytest exercises -k questionnaire`.
"""

import torch
from matplotlib.figure import Figure


# Question 4 (q04): What is a list comprehension? Create one now that selects odd numbers from a
# list and doubles them. Book section: "First Try: Pixel Similarity". Checked by: doubled_odds.
def doubled_odds(a: list[int]) -> list[int]:
    """The odd numbers of ``a``, each doubled, in their order: one list comprehension.

    Args:
        a: a list of ints, e.g. ``[1, 2, 3, 4, 5]``.
    Returns:
        a new list, e.g. ``[2, 6, 10]``.
    """
    raise NotImplementedError("questionnaire: write doubled_odds here (stuck? .venv/bin/mnist-grade hint questionnaire in a terminal, hint('questionnaire') in the notebook)")


# Question 9 (q09): Create a 3×3 tensor or array containing the numbers from 1 to 9. Double it.
# Select the bottom-right four numbers. Book section: "NumPy Arrays and PyTorch Tensors". Checked
# by: bottom_right.
def double_and_slice():
    """The three steps of the question, each result returned so each can be checked.

    Returns:
        ``(t, doubled, corner)``: ``t`` the 3x3 tensor (or NumPy array) of 1 to 9, row by
        row; ``doubled`` = ``t`` doubled, shape ``[3, 3]``; ``corner`` = the bottom-right
        four numbers of ``doubled``, shape ``[2, 2]``.
    """
    raise NotImplementedError("questionnaire: write double_and_slice here (stuck? .venv/bin/mnist-grade hint questionnaire in a terminal, hint('questionnaire') in the notebook)")


# Question 21 (q21): Draw the sigmoid function. What is special about its shape? Book section:
# "Sigmoid". Checked by: sigmoid_plot.
def plot_sigmoid():
    """A matplotlib ``Figure`` with a line of ``sigmoid(x)``, over a range of ``x`` that
    shows its shape: at least -2 to +2 (the book plots it from -4 to 4).

    Use enough points for a smooth curve (e.g. ``torch.linspace(-4, 4, 100)``). Return
    the Figure (or its Axes); a function that draws with pyplot and returns nothing, as
    the book's ``plot_function`` does, is read from the pyplot figure it opened. The check
    reads the plotted data (the lines' x and y values, the axis limits), not the picture.
    """
    raise NotImplementedError("questionnaire: write plot_sigmoid here (stuck? .venv/bin/mnist-grade hint questionnaire in a terminal, hint('questionnaire') in the notebook)")


# Question 25 (q25): Write pseudocode showing the basic steps taken in each epoch for SGD. Book
# section: "Putting It All Together". Checked by: one_epoch.
def one_epoch(model, loss_func, params, dl, lr):
    """One epoch of SGD: for every mini-batch of ``dl``, step every parameter once.

    Args:
        model: ``model(xb)`` -> predictions, e.g. ``[N, 1]`` for ``xb`` ``[N, 784]``.
        loss_func: ``loss_func(preds, yb)`` -> a scalar tensor.
        params: the tensors to train (``requires_grad=True``), e.g. ``(weights, bias)``.
        dl: an iterable of ``(xb, yb)`` mini-batches (a DataLoader).
        lr: the learning rate, a float.
    Returns nothing: the parameters are updated in place (``p -= lr * p.grad``, outside
    autograd), and no gradient of one batch may leak into the next batch's step.
    """
    raise NotImplementedError("questionnaire: write one_epoch here (stuck? .venv/bin/mnist-grade hint questionnaire in a terminal, hint('questionnaire') in the notebook)")


# Question 26 (q26): Create a function that, if passed two arguments `[1,2,3,4]` and `'abcd'`,
# returns `[(1, 'a'), (2, 'b'), (3, 'c'), (4, 'd')]`. What is special about that output data
# structure? Book section: "The MNIST Loss Function". Checked by: pair_up.
def pair_up(xs, ys):
    """The i-th element of ``xs`` paired with the i-th of ``ys``: a list of tuples.

    ``pair_up([1, 2, 3, 4], 'abcd') == [(1, 'a'), (2, 'b'), (3, 'c'), (4, 'd')]``; it works
    for any two sequences of the same length (lists, strings, tensors).
    """
    raise NotImplementedError("questionnaire: write pair_up here (stuck? .venv/bin/mnist-grade hint questionnaire in a terminal, hint('questionnaire') in the notebook)")


# Question 34 (q34): What is "ReLU"? Draw a plot of it for values from `-2` to `+2`. Book section:
# "Adding a Nonlinearity". Checked by: relu_plot.
def plot_relu():
    """A matplotlib ``Figure`` with a line of ``relu(x)`` for ``x`` from -2 to +2 (a wider
    range is fine).

    Use enough points to show the kink at 0 (e.g. ``torch.linspace(-2, 2, 100)``). Return
    the Figure (or its Axes); a function that draws with pyplot and returns nothing, as
    the book's ``plot_function`` does, is read from the pyplot figure it opened. The check
    reads the plotted data (the lines' x and y values, the axis limits), not the picture.
    """
    raise NotImplementedError("questionnaire: write plot_relu here (stuck? .venv/bin/mnist-grade hint questionnaire in a terminal, hint('questionnaire') in the notebook)")
