"""q21: draws with plt.plot but returns nothing."""
import matplotlib.pyplot as plt
import torch

EXERCISE = "questionnaire"
MUST_FAIL = {"sigmoid_plot": ["return fig"]}


def plot_sigmoid():
    x = torch.linspace(-2, 2, 100)
    plt.plot(x, torch.sigmoid(x))
    plt.close()
