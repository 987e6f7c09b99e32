"""q34: ReLU drawn from -2 to 2, but the x limits show only the positive half."""
import matplotlib.pyplot as plt
import torch

EXERCISE = "questionnaire"
MUST_FAIL = {"relu_plot": ["set_xlim", "from 0 to 2"]}


def plot_relu():
    x = torch.linspace(-2, 2, 100)
    fig, ax = plt.subplots()
    ax.plot(x, torch.relu(x))
    ax.set_xlim(0, 2)
    return fig
