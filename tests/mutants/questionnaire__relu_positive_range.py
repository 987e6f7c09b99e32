"""q34: ReLU plotted from 0 to 2 only: the flat negative half is missing."""
import torch
from matplotlib.figure import Figure

EXERCISE = "questionnaire"
MUST_FAIL = {"relu_plot": ["from 0 to 2", "-2 to +2"]}


def plot_relu():
    x = torch.linspace(0, 2, 100)
    fig = Figure()
    fig.subplots().plot(x.numpy(), torch.relu(x).numpy())
    return fig
