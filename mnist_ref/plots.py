"""The chapter's pictures, written as PNG files: what people would rather look at than read.

- ``mean_digits.png``: the "ideal" 3 and 7 (and the ten mean digits when they were computed);
- ``accuracy_curves.png``: validation accuracy per epoch for every trained stage;
- ``sigmoid.png`` and ``relu.png``: drawn with fastbook's ``plot_function``, as the book does;
- ``hidden_units.png``: the first-layer weights of a few hidden units of ``simple_net``, as 28x28
  images (what each unit "looks for").
"""

from __future__ import annotations

from pathlib import Path

import torch


def _pyplot():
    import matplotlib

    matplotlib.use("Agg")  # files only: works with no display
    import matplotlib.pyplot as plt

    return plt


def mean_digits(
    path: Path, pair: tuple[torch.Tensor, torch.Tensor] | None, ten: torch.Tensor | None
):
    """``pair``: the mean 3 and 7, ``[28, 28]`` each; ``ten``: ``[10, 28, 28]`` class means."""
    plt = _pyplot()
    images = ([("mean 3", pair[0]), ("mean 7", pair[1])] if pair is not None else []) + (
        [(f"mean {d}", ten[d]) for d in range(10)] if ten is not None else []
    )
    if not images:
        return None
    fig, axes = plt.subplots(1, len(images), figsize=(1.3 * len(images), 1.8), squeeze=False)
    for ax, (title, img) in zip(axes[0], images):
        ax.imshow(img.cpu(), cmap="Greys")  # the book's colormap: ink dark on white
        ax.set_title(title, fontsize=8)
        ax.axis("off")
    return _save(fig, path)


def accuracy_curves(path: Path, histories: dict[str, list[float]]):
    """One line per stage: validation accuracy after each epoch."""
    histories = {k: v for k, v in histories.items() if len(v) > 1}
    if not histories:
        return None
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(7, 4.5))
    for name, hist in histories.items():
        ax.plot(range(1, len(hist) + 1), hist, label=name)
    ax.set_xlabel("epoch")
    ax.set_ylabel("validation accuracy")
    ax.set_title("Accuracy per epoch, every trained stage")
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8)
    return _save(fig, path)


def activation(path: Path, name: str):
    """``sigmoid`` or ``relu`` from -2 to 2 with fastbook's ``plot_function``, as in the book."""
    plt = _pyplot()
    from fastbook import plot_function  # imports fastai: only when plots are asked for

    fn = torch.sigmoid if name == "sigmoid" else torch.relu
    plt.figure(figsize=(5, 3.5))
    plot_function(fn, title=name, min=-2, max=2)
    return _save(plt.gcf(), path)


def hidden_units(path: Path, first_layer_weight: torch.Tensor, n: int = 8):
    """``first_layer_weight``: ``[H, 784]`` (an ``nn.Linear(784, H)``'s weight); shows ``n`` units."""
    plt = _pyplot()
    w = first_layer_weight.detach().cpu()[:n].view(-1, 28, 28)  # [n, 28, 28]
    fig, axes = plt.subplots(1, len(w), figsize=(1.4 * len(w), 1.9), squeeze=False)
    for i, (ax, img) in enumerate(zip(axes[0], w)):
        lim = img.abs().max().item()
        ax.imshow(img, cmap="RdBu", vmin=-lim, vmax=lim)  # red: pixel pushes down, blue: up
        ax.set_title(f"unit {i}", fontsize=8)
        ax.axis("off")
    fig.suptitle("simple_net: first-layer weights of hidden units", fontsize=9)
    return _save(fig, path)


def _save(fig, path: Path) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    _pyplot().close(fig)
    return path


def write_all(directory: Path, outcomes: dict) -> list[Path]:
    """Write every plot the finished stages allow; ``outcomes`` maps stage name to its Outcome."""
    directory = Path(directory)
    pair = outcomes["pixel_similarity_l1"].model if "pixel_similarity_l1" in outcomes else None
    ten = outcomes["ten_nearest_mean_mse"].model if "ten_nearest_mean_mse" in outcomes else None
    written = [
        mean_digits(directory / "mean_digits.png", pair, ten),
        accuracy_curves(
            directory / "accuracy_curves.png", {k: o.history for k, o in outcomes.items()}
        ),
        activation(directory / "sigmoid.png", "sigmoid"),
        activation(directory / "relu.png", "relu"),
    ]
    net = outcomes.get("simple_net_learner")
    if net is not None and net.model is not None:
        written.append(hidden_units(directory / "hidden_units.png", net.model[0].weight))
    return [p for p in written if p is not None]
