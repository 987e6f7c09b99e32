"""q34: the sigmoid is plotted instead of ReLU."""
import torch
from matplotlib.figure import Figure

EXERCISE = "questionnaire"
MUST_FAIL = {"relu_plot": ["sigmoid was plotted"]}


def plot_relu():
    x = torch.linspace(-2, 2, 100)
    fig = Figure()
    fig.subplots().plot(x.numpy(), torch.sigmoid(x).numpy())
    return fig
