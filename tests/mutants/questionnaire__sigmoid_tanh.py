"""q21: plots tanh (also S-shaped) instead of the sigmoid."""
import torch
from matplotlib.figure import Figure

EXERCISE = "questionnaire"
MUST_FAIL = {"sigmoid_plot": ["tanh"]}


def plot_sigmoid():
    x = torch.linspace(-2, 2, 100)
    fig = Figure()
    fig.subplots().plot(x.numpy(), torch.tanh(x).numpy())
    return fig
