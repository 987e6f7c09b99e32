"""q21: the sigmoid plotted from -4 to 4, as in the book's figure, not from -2 to +2."""
import torch
from matplotlib.figure import Figure

EXERCISE = "questionnaire"
MUST_FAIL = {"sigmoid_plot": ["from -4 to 4", "-2 to +2"]}


def plot_sigmoid():
    x = torch.linspace(-4, 4, 100)
    fig = Figure()
    fig.subplots().plot(x.numpy(), torch.sigmoid(x).numpy())
    return fig
