"""q34: x.clamp(max=0) keeps the negative side: min(0, x) instead of max(0, x)."""
import torch
from matplotlib.figure import Figure

EXERCISE = "questionnaire"
MUST_FAIL = {"relu_plot": ["min instead of max"]}


def plot_relu():
    x = torch.linspace(-2, 2, 100)
    fig = Figure()
    fig.subplots().plot(x.numpy(), x.clamp(max=0).numpy())
    return fig
