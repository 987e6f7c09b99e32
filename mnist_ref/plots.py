"""The chapter's pictures, written as PNG files: what people would rather look at than read.

Each picture has a ``*_figure`` function that returns a matplotlib ``Figure`` (the tests read its
labels, ranges and panels), and :func:`write_all` saves those the finished stages allow:

- ``mean_digits.png``: the mean training image of each class, one row per dataset, each row naming
  its data as the table's ``data`` column does (the 3s and 7s of ``mnist_sample``, then the ten
  digits of ``mnist`` when they were computed);
- ``accuracy_curves.png``: validation accuracy per epoch, one panel for the 3-versus-7 stages and
  one for the ten-digit stages (their accuracies live on different scales);
- ``sigmoid.png`` (from -4 to 4, as the book draws it) and ``relu.png`` (from -2 to 2, the book's
  ``plot_function`` default), with axis labels;
- ``hidden_units.png``: the first-layer weights of a few hidden units of ``simple_net``, as 28x28
  images on one shared colour scale (what each unit "looks for").

Plain matplotlib: no fastai, so ``--plots`` works with ``--no-fastai`` and costs no fastai import.
The activation curves are computed as the book's ``plot_function`` does, from ``torch.linspace``
(101 points rather than 100, so that ReLU's corner at 0 is drawn sharp).
"""

from __future__ import annotations

from pathlib import Path

import torch

# (marker, linestyle) per line: lines stay apart in greyscale and where two stages coincide
# (simple_net_learner and simple_net_fastai give the same numbers)
LINE_STYLES = [("o", "-"), ("s", "--"), ("^", ":"), ("D", "-."), ("v", (0, (5, 1))), ("x", "-")]

ACTIVATIONS = {
    # name: (function, x range as the book draws it, y label)
    "sigmoid": (torch.sigmoid, (-4.0, 4.0), "sigmoid(x) = 1 / (1 + exp(-x))"),
    "relu": (torch.relu, (-2.0, 2.0), "relu(x) = max(0, x)"),
}

TASKS = {"mnist_sample": "3 versus 7", "mnist": "ten digits"}
"""Panel title per dataset (the ``dataset`` of each stage in :data:`mnist_ref.stages.STAGES`)."""


def _pyplot():
    import matplotlib

    matplotlib.use("Agg")  # files only: works with no display
    import matplotlib.pyplot as plt

    return plt


def mean_digits_figure(
    pair: tuple[torch.Tensor, torch.Tensor] | None,
    ten: torch.Tensor | None,
    pair_data: str = "mnist_sample",
    ten_data: str = "mnist",
):
    """``pair``: the mean 3 and 7, ``[28, 28]`` each; ``ten``: ``[10, 28, 28]`` class means.

    ``pair_data`` / ``ten_data`` name the data each was computed on (the table's ``data`` column).
    One row per dataset given; returns None when neither is.
    """
    rows = []
    if pair is not None:
        rows.append((f"3 versus 7: mean training 3 and 7 of {pair_data}", ["3", "7"], list(pair)))
    if ten is not None:
        rows.append(
            (f"ten digits: mean training digit of {ten_data}", list("0123456789"), list(ten))
        )
    if not rows:
        return None
    plt = _pyplot()
    fig = plt.figure(figsize=(11, 1.75 * len(rows)), layout="constrained")
    subfigs = fig.subfigures(len(rows), 1, squeeze=False)[:, 0]
    for subfig, (title, labels, images) in zip(subfigs, rows):
        subfig.suptitle(title, fontsize=10)
        axes = subfig.subplots(1, 10, squeeze=False)[0]  # always 10 columns: same image size
        for ax in axes:
            ax.axis("off")
        start = (10 - len(images)) // 2  # a shorter row sits in the middle
        for ax, label, img in zip(axes[start:], labels, images):
            ax.imshow(img.cpu(), cmap="Greys")  # the book's colormap: ink dark on white
            ax.set_title(f"mean {label}", fontsize=8)
    return fig


def accuracy_figure(histories: dict[str, list[float]], datasets: dict[str, str]):
    """Validation accuracy after each epoch, one panel per task.

    ``histories``: stage name -> accuracies, one per epoch; ``datasets``: stage name -> the
    dataset it trains on (``mnist_sample`` or ``mnist``). Stages with fewer than two epochs are
    left out; returns None when nothing is left.
    """
    groups: dict[str, dict[str, list[float]]] = {}
    for name, hist in histories.items():
        if len(hist) > 1:
            groups.setdefault(datasets.get(name, "other"), {})[name] = hist
    if not groups:
        return None
    order = [d for d in TASKS if d in groups] + [d for d in groups if d not in TASKS]
    plt = _pyplot()
    from matplotlib.ticker import MaxNLocator

    fig, axes = plt.subplots(
        1, len(order), figsize=(6.5 * len(order), 4.5), squeeze=False, layout="constrained"
    )
    for ax, dataset in zip(axes[0], order):
        for i, (name, hist) in enumerate(groups[dataset].items()):
            marker, linestyle = LINE_STYLES[i % len(LINE_STYLES)]
            every = max(1, len(hist) // 10)
            ax.plot(
                range(1, len(hist) + 1),
                hist,
                label=f"{name} (last {hist[-1]:.4f})",
                marker=marker,
                linestyle=linestyle,
                markevery=(i % every, every),  # staggered: coinciding lines show both markers
                markersize=5,
                fillstyle="none",
                linewidth=1.4,
            )
        ax.set_title(f"{TASKS.get(dataset, dataset)}: validation accuracy per epoch", fontsize=10)
        ax.set_xlabel("epoch")
        ax.set_ylabel("validation accuracy")
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.grid(alpha=0.3)
        ax.legend(fontsize=8, loc="lower right")
    return fig


def activation_figure(name: str):
    """``sigmoid`` or ``relu`` over the book's x range, with axis labels (see :data:`ACTIVATIONS`)."""
    fn, (lo, hi), ylabel = ACTIVATIONS[name]
    x = torch.linspace(lo, hi, 101)  # fastbook's plot_function takes 100; 101 puts a point at 0
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(5, 3.5), layout="constrained")
    ax.plot(x, fn(x))
    ax.set_title(name)
    ax.set_xlabel("x (the activation's input)")
    ax.set_ylabel(ylabel)
    ax.set_xlim(lo, hi)
    ax.grid(alpha=0.3)
    return fig


def hidden_units_figure(first_layer_weight: torch.Tensor, n: int = 8):
    """``first_layer_weight``: ``[H, 784]`` (an ``nn.Linear(784, H)``'s weight); shows ``n`` units.

    Every panel uses the same colour scale, symmetric around 0, with one colour bar.
    """
    w = first_layer_weight.detach().cpu()[:n].view(-1, 28, 28)  # [n, 28, 28]
    lim = w.abs().max().item()
    plt = _pyplot()
    fig, axes = plt.subplots(
        1, len(w), figsize=(1.45 * len(w) + 1.2, 2.3), squeeze=False, layout="constrained"
    )
    for i, (ax, img) in enumerate(zip(axes[0], w)):
        im = ax.imshow(img, cmap="RdBu", vmin=-lim, vmax=lim)
        ax.set_title(f"unit {i}", fontsize=8)
        ax.axis("off")
    bar = fig.colorbar(im, ax=axes[0].tolist(), shrink=0.9)
    bar.set_label("weight", fontsize=8)
    bar.ax.tick_params(labelsize=7)
    fig.suptitle(
        f"simple_net: first-layer weights of {len(w)} of its {len(first_layer_weight)} hidden units, "
        "one colour scale (blue: ink on that pixel raises the unit; red: lowers it)",
        fontsize=9,
    )
    return fig


def save(fig, path: Path) -> Path:
    """Write ``fig`` as a PNG at ``path`` (creating its folder) and close it."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110)
    _pyplot().close(fig)
    return path


def write_all(directory: Path, outcomes: dict, data: dict[str, str] | None = None) -> list[Path]:
    """Write every plot the finished stages allow and return the paths written.

    ``outcomes`` maps stage name to its :class:`~mnist_ref.stages.Outcome`; ``data`` maps stage
    name to the data it ran on (the table's ``data`` column), used to label the mean digits.
    """
    from mnist_ref.stages import STAGES_BY_NAME

    directory = Path(directory)
    data = data or {}
    pair = outcomes["pixel_similarity_l1"].model if "pixel_similarity_l1" in outcomes else None
    ten = outcomes["ten_nearest_mean_mse"].model if "ten_nearest_mean_mse" in outcomes else None
    datasets = {name: s.dataset for name, s in STAGES_BY_NAME.items()}
    figures = {
        "mean_digits.png": mean_digits_figure(
            pair,
            ten,
            data.get("pixel_similarity_l1", "mnist_sample"),
            data.get("ten_nearest_mean_mse", "mnist"),
        ),
        "accuracy_curves.png": accuracy_figure(
            {k: o.history for k, o in outcomes.items()}, datasets
        ),
        "sigmoid.png": activation_figure("sigmoid"),
        "relu.png": activation_figure("relu"),
    }
    net = outcomes.get("simple_net_learner")
    if net is not None and net.model is not None:
        figures["hidden_units.png"] = hidden_units_figure(net.model[0].weight)
    return [save(fig, directory / name) for name, fig in figures.items() if fig is not None]
