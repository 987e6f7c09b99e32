"""Correct answers in another style: NumPy arrays, pyplot figures, other filters and slices."""
import matplotlib.pyplot as plt
import numpy as np

EXERCISE = "questionnaire"


def doubled_odds(a):
    return [2 * o for o in a if o % 2 != 0]


def double_and_slice():
    t = np.array([[1, 2, 3], [4, 5, 6], [7, 8, 9]])
    doubled = t + t
    return t, doubled, doubled[-2:, -2:]


def pair_up(xs, ys):
    return [(xs[i], ys[i]) for i in range(len(xs))]


def plot_sigmoid():
    x = np.linspace(-2, 2, 50)
    fig, ax = plt.subplots()
    ax.plot(x, 1 / (1 + np.exp(-x)))
    ax.axhline(0.5, color="grey")  # a guide line besides the curve
    return fig


def plot_relu():
    x = np.linspace(-2, 2, 41)
    fig, ax = plt.subplots()
    ax.plot(x, np.maximum(x, 0))
    return fig
