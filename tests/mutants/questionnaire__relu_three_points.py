"""q34: only three points (-2, 0, 2): too coarse to be a plot of the function."""
import torch
from matplotlib.figure import Figure

EXERCISE = "questionnaire"
MUST_FAIL = {"relu_plot": ["too far apart"]}


def plot_relu():
    x = torch.linspace(-2, 2, 3)
    fig = Figure()
    fig.subplots().plot(x.numpy(), torch.relu(x).numpy())
    return fig
