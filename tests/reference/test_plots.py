"""``mnist_ref.plots``: what each picture shows, read from the figure's data (not its pixels)."""

import subprocess
import sys
import textwrap

import pytest
import torch

from mnist_ref import plots
from mnist_ref.stages import Outcome


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plots._pyplot().close("all")


def test_sigmoid_is_drawn_from_minus_4_to_4_like_the_book_with_axis_labels():
    fig = plots.activation_figure("sigmoid")
    (ax,) = fig.axes
    (line,) = ax.lines
    x, y = torch.as_tensor(line.get_xdata()), torch.as_tensor(line.get_ydata())
    assert x.min().item() == -4 and x.max().item() == 4
    assert ax.get_xlim() == (-4, 4)
    assert torch.allclose(y, torch.sigmoid(x))
    assert ax.get_xlabel() and "sigmoid" in ax.get_ylabel()


def test_relu_has_axis_labels_and_a_sharp_corner_at_zero():
    fig = plots.activation_figure("relu")
    (ax,) = fig.axes
    x = torch.as_tensor(ax.lines[0].get_xdata())
    y = torch.as_tensor(ax.lines[0].get_ydata())
    assert ax.get_xlabel() and "relu" in ax.get_ylabel()
    assert x.abs().min() < 1e-6  # the kink is a drawn point, not rounded off between two samples
    assert torch.equal(y, x.clamp(min=0))


HISTORIES = {
    "linear_sgd": [0.9, 0.95, 0.97],
    "simple_net_learner": [0.96, 0.97, 0.98],
    "simple_net_fastai": [0.96, 0.97, 0.98],  # the same numbers: must still be told apart
    "ten_linear": [0.85, 0.88, 0.90],
    "ten_net_30": [0.80, 0.86, 0.91],
    "pixel_similarity_l1": [],  # no epochs: no line
}
DATASETS = {
    "linear_sgd": "mnist_sample",
    "simple_net_learner": "mnist_sample",
    "simple_net_fastai": "mnist_sample",
    "ten_linear": "mnist",
    "ten_net_30": "mnist",
    "pixel_similarity_l1": "mnist_sample",
}


def test_accuracy_curves_have_one_panel_per_task_with_lines_told_apart():
    fig = plots.accuracy_figure(HISTORIES, DATASETS)
    assert len(fig.axes) == 2
    three_seven, ten = fig.axes
    assert "3 versus 7" in three_seven.get_title() and "ten digits" in ten.get_title()
    labels = [[line.get_label().split()[0] for line in ax.lines] for ax in fig.axes]
    assert labels == [
        ["linear_sgd", "simple_net_learner", "simple_net_fastai"],
        ["ten_linear", "ten_net_30"],
    ]
    for ax in fig.axes:
        assert ax.get_xlabel() == "epoch" and ax.get_ylabel() == "validation accuracy"
        assert ax.get_legend() is not None
        styles = [(line.get_marker(), str(line.get_linestyle())) for line in ax.lines]
        assert len(set(styles)) == len(styles), styles  # no two lines look alike in greyscale
    assert list(three_seven.lines[2].get_ydata()) == HISTORIES["simple_net_fastai"]


def test_accuracy_curves_with_one_task_have_one_panel():
    only_ten = {k: v for k, v in HISTORIES.items() if DATASETS[k] == "mnist"}
    fig = plots.accuracy_figure(only_ten, DATASETS)
    assert len(fig.axes) == 1 and "ten digits" in fig.axes[0].get_title()
    assert plots.accuracy_figure({"pixel_similarity_l1": []}, DATASETS) is None


def test_mean_digits_say_which_dataset_each_row_comes_from():
    pair = (torch.rand(28, 28), torch.rand(28, 28))
    fig = plots.mean_digits_figure(
        pair, torch.rand(10, 28, 28), "mnist_sample:complete", "mnist:embedded-testset"
    )
    titles = [sub.get_suptitle() for sub in fig.subfigs]
    assert len(titles) == 2
    assert "3 versus 7" in titles[0] and "mnist_sample:complete" in titles[0]
    assert "ten digits" in titles[1] and "mnist:embedded-testset" in titles[1]
    shown = [ax.get_title() for ax in fig.axes if ax.images]
    assert shown == ["mean 3", "mean 7"] + [f"mean {d}" for d in range(10)]

    fig = plots.mean_digits_figure(pair, None, "mnist_sample:explicit")
    assert len(fig.subfigs) == 1 and "mnist_sample:explicit" in fig.subfigs[0].get_suptitle()
    assert plots.mean_digits_figure(None, None) is None


def test_hidden_units_share_one_colour_scale_with_a_colour_bar():
    weight = torch.randn(30, 784)
    weight[3] *= 10  # one unit with much larger weights: the others must not be rescaled
    fig = plots.hidden_units_figure(weight, n=8)
    panels = [ax for ax in fig.axes if ax.images]
    assert len(panels) == 8
    lim = weight[:8].abs().max().item()
    for ax in panels:
        assert ax.images[0].get_clim() == pytest.approx((-lim, lim))
    bars = [ax for ax in fig.axes if ax not in panels]
    assert len(bars) == 1 and bars[0].get_ylabel() == "weight"


def test_write_all_writes_every_plot_without_importing_fastai(tmp_path):
    """``--plots`` with ``--no-fastai`` must not pull fastai in (it takes seconds to import)."""
    script = textwrap.dedent(
        f"""
        import sys, torch
        from mnist_ref import plots
        from mnist_ref.simple_net import make_simple_net
        from mnist_ref.stages import Outcome
        outcomes = {{
            "pixel_similarity_l1": Outcome(0.95, model=(torch.rand(28, 28), torch.rand(28, 28))),
            "linear_sgd": Outcome(0.97, [0.9, 0.97]),
            "simple_net_learner": Outcome(0.98, [0.9, 0.98], model=make_simple_net()),
            "ten_nearest_mean_mse": Outcome(0.81, model=torch.rand(10, 28, 28)),
            "ten_linear": Outcome(0.90, [0.8, 0.9]),
        }}
        for path in plots.write_all({str(tmp_path)!r}, outcomes, {{"pixel_similarity_l1": "x"}}):
            print(path.name)
        print("fastai imported:", "fastai" in sys.modules or "fastbook" in sys.modules)
        """
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stderr
    lines = out.stdout.split()
    assert set(lines[:5]) == {
        "mean_digits.png",
        "accuracy_curves.png",
        "sigmoid.png",
        "relu.png",
        "hidden_units.png",
    }
    assert "fastai imported: False" in out.stdout
    for name in lines[:5]:
        assert (tmp_path / name).stat().st_size > 1000


def test_outcome_without_history_or_model_draws_only_the_activations(tmp_path):
    written = plots.write_all(tmp_path, {"pixel_similarity_rmse": Outcome(0.96)})
    assert [p.name for p in written] == ["sigmoid.png", "relu.png"]
