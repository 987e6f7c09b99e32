"""q21: the sigmoid drawn from -1 to 1 only: nearly a straight line, its S shape not shown."""
import torch
from matplotlib.figure import Figure

EXERCISE = "questionnaire"
MUST_FAIL = {"sigmoid_plot": ["from -1 to 1", "too narrow", "shape"]}


def plot_sigmoid():
    x = torch.linspace(-1, 1, 100)
    fig = Figure()
    fig.subplots().plot(x.numpy(), torch.sigmoid(x).numpy())
    return fig
