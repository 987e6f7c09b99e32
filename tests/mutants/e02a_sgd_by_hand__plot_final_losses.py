"""plot_sweep draws one point per learning rate (the final loss), not each run's curve."""

import matplotlib.pyplot as plt

EXERCISE = "e02a_sgd_by_hand"
MUST_FAIL = {"plot_sweep_lines": ["no line shows the losses"]}


def plot_sweep(sweep, lrs):
    fig, ax = plt.subplots()
    ax.plot(lrs, [losses[-1] for losses in sweep])
    ax.set_xscale("log")
    return fig
