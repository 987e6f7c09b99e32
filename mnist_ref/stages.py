"""The chapter, stage by stage: each stage trains (or measures) one model and returns its accuracy.

A stage is a small function of a :class:`Context` (the data, the device, the seed); the registry
:data:`STAGES` lists them in the book's order. ``mnist-ref run`` runs them and compares each accuracy
with the threshold recorded for the data it ran on (:mod:`mnist_ref.thresholds`).
"""

from __future__ import annotations

import functools
import time
import types
from collections.abc import Callable
from dataclasses import dataclass, field

import torch
from tqdm.auto import tqdm

from mnist_ref import linear, multiclass, similarity
from mnist_ref.learner import Learner
from mnist_ref.loaders import TensorLoader, make_loaders
from mnist_ref.runtime import (
    DEFAULT_SEED,
    STAGE_THREADS,
    cpu_threads,
    default_device,
    seed_everything,
)
from mnist_ref.simple_net import init_simple_net, make_simple_net, simple_net
from mnist_ref.thresholds import data_variant, passes, threshold_record


@dataclass
class Context:
    """What every stage needs, passed explicitly. Datasets load once, on first use.

    ``threads``: PyTorch's CPU threads while a training stage runs, resnet18 excepted (see
    :data:`mnist_ref.runtime.STAGE_THREADS`); ``None`` keeps the process's setting, which the
    stages that only read data (pixel similarity, the nearest mean image) always keep.
    """

    data_dir: str | None = None
    device: torch.device = field(default_factory=default_device)
    seed: int = DEFAULT_SEED
    progress: bool = True
    announce: Callable[[str], None] = print
    _datasets: dict = field(default_factory=dict)
    threads: int | None = STAGE_THREADS
    _arranged: dict = field(default_factory=dict)

    def dataset(self, name: str):
        """The loaded :class:`mnist_ref.data.Dataset` called ``name`` (``mnist_sample`` or ``mnist``)."""
        if name not in self._datasets:
            from mnist_ref.data import load_dataset

            self._datasets[name] = load_dataset(
                name, self.data_dir, progress=self.progress, announce=self.announce
            )
        return self._datasets[name]

    def arranged(self, name: str, arrange: Callable) -> tuple[torch.Tensor, ...]:
        """``arrange(self.dataset(name), self.device)``, computed once: the stages share these
        tensors (as the notebook shares its ``train_x``) and never modify them."""
        key = (name, arrange.__name__, str(self.device))
        if key not in self._arranged:
            self._arranged[key] = arrange(self.dataset(name), self.device)
        return self._arranged[key]

    def epochs(self, n: int, desc: str):
        """``range(n)`` with a progress bar (hidden when progress is off or output is not a terminal)."""
        return tqdm(range(n), desc=desc, leave=False, disable=None if self.progress else True)

    def params(self, *tensors: torch.Tensor) -> list[torch.Tensor]:
        """Move freshly initialised parameters to the device, keeping them leaves with gradients."""
        return [t.detach().to(self.device).requires_grad_() for t in tensors]


@dataclass
class Outcome:
    """What a stage measured: the accuracy that is judged, per-epoch history, and extra numbers."""

    accuracy: float
    history: list[float] = field(default_factory=list)
    details: dict = field(default_factory=dict)
    model: object = None


@dataclass
class Stage:
    name: str
    title: str
    dataset: str
    run: Callable[[Context], Outcome]
    uses_fastai: bool = False
    needs_gpu_by_default: bool = False


@dataclass
class StageResult:
    """One row of the chapter's table."""

    stage: str
    title: str
    data: str
    source: str
    accuracy: float
    threshold: float | None
    rule: str  # "minimum" (match or beat), "exact" (deterministic: match within 1e-4) or ""
    passed: bool | None
    seconds: float
    device: str
    seed: int
    history: list[float] = field(default_factory=list)
    details: dict = field(default_factory=dict)


# --- data in the shapes each part of the chapter uses ----------------------------------------


def threes_sevens(ds, device: torch.device):
    """MNIST_SAMPLE as the book arranges it: x float32 ``[N, 784]``, y float32 ``[N, 1]`` (3 is 1).

    Returns ``(train_x, train_y, valid_x, valid_y)`` on ``device``, 3s first then 7s: the book's
    ``torch.cat([threes, sevens]).view(-1, 28*28)``, gathered in one copy instead of three.
    """

    def arrange(x, y):
        rows = torch.cat([(y == 3).nonzero().squeeze(1), (y == 7).nonzero().squeeze(1)])  # [N]
        xs = x.index_select(0, rows).view(-1, 28 * 28)  # [N, 784]
        ys = (y.index_select(0, rows) == 3).float().unsqueeze(1)  # [N, 1]
        return xs.to(device), ys.to(device)

    return (*arrange(ds.train_x, ds.train_y), *arrange(ds.valid_x, ds.valid_y))


def ten_digits(ds, device: torch.device):
    """All ten digits: x float32 ``[N, 784]``, y int64 ``[N]``, on ``device``."""
    return (
        ds.train_x.view(-1, 28 * 28).to(device),
        ds.train_y.to(device),
        ds.valid_x.view(-1, 28 * 28).to(device),
        ds.valid_y.to(device),
    )


# --- the stages --------------------------------------------------------------------------------


def on_ctx_threads(run: Callable[..., Outcome]) -> Callable[..., Outcome]:
    """Decorates a training stage (small tensors, many steps): it runs on ``ctx.threads`` CPU
    threads. The stages without it keep the process's threads (see ``STAGE_THREADS``)."""

    @functools.wraps(run)
    def stage(ctx: Context, *args, **kwargs) -> Outcome:
        with cpu_threads(ctx.threads):
            return run(ctx, *args, **kwargs)

    return stage


def rows_of(x: torch.Tensor, y: torch.Tensor, label: int) -> torch.Tensor:
    """``x[y == label]``, the items with that label: a view, without copying, where they are
    consecutive (as the loaders leave each class), else the masked copy. Same values either way."""
    where = (y == label).nonzero().squeeze(1)  # [n]
    if len(where) and int(where[-1] - where[0]) == len(where) - 1:
        return x[int(where[0]) : int(where[-1]) + 1]
    return x[y == label]


def _pixel_similarity(ctx: Context, distance) -> Outcome:
    """The 3s and 7s as :func:`threes_sevens` arranges them (3s first), seen as images: the
    rows of the book's ``stacked_threes`` and ``stacked_sevens``, in the same order, so the same
    means and distances bit for bit. They are the tensors the training stages share (made once per
    :class:`Context`): the most recently written copy, often still in the CPU's cache, where the
    loaded ``ds.train_x`` no longer is (measured: see ``benchmarks/chapter_speed.py``)."""
    ds = ctx.dataset("mnist_sample")
    train_x, _, valid_x, _ = ctx.arranged("mnist_sample", threes_sevens)  # [N, 784], 3s first
    n3, v3 = int((ds.train_y == 3).sum()), int((ds.valid_y == 3).sum())
    train_x, valid_x = train_x.view(-1, 28, 28), valid_x.view(-1, 28, 28)  # [N, 28, 28]
    mean3 = similarity.mean_image(train_x[:n3])
    mean7 = similarity.mean_image(train_x[n3:])
    acc_3, acc_7, avg = similarity.pixel_similarity_accuracy(
        valid_x[:v3], valid_x[v3:], mean3, mean7, distance
    )
    return Outcome(
        avg,
        details={"accuracy_3": round(acc_3, 4), "accuracy_7": round(acc_7, 4)},
        model=(mean3, mean7),
    )


def pixel_similarity_l1(ctx: Context) -> Outcome:
    return _pixel_similarity(ctx, similarity.mnist_distance)


def pixel_similarity_rmse(ctx: Context) -> Outcome:
    return _pixel_similarity(ctx, similarity.rmse_distance)


@on_ctx_threads
def linear_sgd(ctx: Context, lr: float = 1.0, epochs: int = 20) -> Outcome:
    """The book's linear model: ``init_params``, ``linear1``, ``mnist_loss``, batch 256, lr 1."""
    train_x, train_y, valid_x, valid_y = ctx.arranged("mnist_sample", threes_sevens)
    seed_everything(ctx.seed)
    weights, bias = ctx.params(linear.init_params((28 * 28, 1)), linear.init_params(1))
    dls = make_loaders(train_x, train_y, valid_x, valid_y, batch_size=256, seed=ctx.seed)

    def model(xb):
        return linear.linear1(xb, weights, bias)

    history = linear.train_model(
        model,
        epochs,
        lr,
        (weights, bias),
        dls.train,
        dls.valid,
        progress=lambda r: ctx.epochs(epochs, "linear_sgd"),
    )
    return Outcome(history[-1], history)


@on_ctx_threads
def simple_net_scratch(ctx: Context, lr: float = 0.1, epochs: int = 40) -> Outcome:
    """``simple_net`` with the book's hand-made parameters ``w1, b1, w2, b2`` and our ``train_model``."""
    train_x, train_y, valid_x, valid_y = ctx.arranged("mnist_sample", threes_sevens)
    seed_everything(ctx.seed)
    params = ctx.params(*init_simple_net(std=0.1))
    dls = make_loaders(train_x, train_y, valid_x, valid_y, batch_size=256, seed=ctx.seed)

    def model(xb):
        return simple_net(xb, *params)

    history = linear.train_model(
        model,
        epochs,
        lr,
        params,
        dls.train,
        dls.valid,
        progress=lambda r: ctx.epochs(epochs, "simple_net_scratch"),
    )
    return Outcome(history[-1], history, model=params)


def _first_layer_by_rows(layer: torch.nn.Linear, x: torch.Tensor) -> torch.Tensor:
    """``layer(x)`` computed as ``(b[:, None] + W @ x.T).T``, made contiguous: ``[N, in]`` ->
    ``[N, out]``. Each output is the same dot product over the same ``in`` values."""
    if x.dim() != 2 or layer.bias is None:
        return torch.nn.functional.linear(x, layer.weight, layer.bias)
    return torch.addmm(layer.bias.unsqueeze(1), layer.weight, x.t()).t().contiguous()  # [N, out]


def first_layer_by_rows(model, device: torch.device):
    """On the CPU, make an ``nn.Sequential`` whose first module is an ``nn.Linear`` compute that
    layer as :func:`_first_layer_by_rows` (its own ``forward``; the class, parameters and
    ``state_dict`` stay ``nn.Linear``'s). Returns ``model``.

    Why: for these narrow layers (784 inputs, 30 outputs) MKL computes ``x @ W.T`` at about
    47 to 49 GFLOP/s on one thread of the project's machine, idle, and ``W @ x.T`` at about 74 to
    83 (``[64, 784]`` and ``[256, 784]`` batches, cache-warm: ``benchmarks/chapter_speed.py
    --profile``; a ``[512, 512]`` product reaches 105). The numbers are
    the same bit for bit, forward and backward: ``tests/reference/test_fast_paths.py`` trains both
    ways and compares every parameter. Elsewhere (a GPU, another model) nothing changes.
    """
    first = model[0] if isinstance(model, torch.nn.Sequential) and len(model) else None
    if device.type == "cpu" and type(first) is torch.nn.Linear:
        first.forward = types.MethodType(_first_layer_by_rows, first)
    return model


def _fit_learner(ctx: Context, model, dls, loss_func, metric, epochs, lr, desc) -> Outcome:
    model = first_layer_by_rows(model.to(ctx.device), ctx.device)
    learn = Learner(dls, model, loss_func=loss_func, metric=metric)
    learn.fit(epochs, lr, progress=lambda r: ctx.epochs(epochs, desc))
    metrics = [stats.metric for stats in learn.history]  # one EpochStats per epoch
    return Outcome(metrics[-1], [round(m, 4) for m in metrics], model=model)


@on_ctx_threads
def simple_net_learner(ctx: Context, lr: float = 0.1, epochs: int = 40) -> Outcome:
    """``nn.Sequential`` 784-30-1 with the from-scratch ``Learner`` and ``BasicOptim`` (plain SGD)."""
    train_x, train_y, valid_x, valid_y = ctx.arranged("mnist_sample", threes_sevens)
    seed_everything(ctx.seed)
    dls = make_loaders(train_x, train_y, valid_x, valid_y, batch_size=256, seed=ctx.seed)
    return _fit_learner(
        ctx,
        make_simple_net(),
        dls,
        linear.mnist_loss,
        linear.batch_accuracy,
        epochs,
        lr,
        "simple_net_learner",
    )


def _book_fastai(ctx: Context, model_fn, epochs: int, lr: float) -> Outcome:
    from mnist_ref.book_fastai import fit_fastai_learner

    train_x, train_y, valid_x, valid_y = threes_sevens(
        ctx.dataset("mnist_sample"), torch.device("cpu")
    )
    seed_everything(ctx.seed)
    history = fit_fastai_learner(
        model_fn(),
        (train_x, train_y),
        (valid_x, valid_y),
        linear.mnist_loss,
        linear.batch_accuracy,
        epochs,
        lr,
        ctx.device,
    )
    return Outcome(history[-1], [round(h, 4) for h in history])


@on_ctx_threads
def linear_fastai(ctx: Context) -> Outcome:
    """The book's ``Learner(dls, nn.Linear(28*28, 1), opt_func=SGD, ...)``, ``fit(10, lr=1.0)``."""
    return _book_fastai(ctx, lambda: torch.nn.Linear(28 * 28, 1), epochs=10, lr=1.0)


@on_ctx_threads
def simple_net_fastai(ctx: Context) -> Outcome:
    """The book's ``Learner(dls, simple_net, opt_func=SGD, ...)``, ``fit(40, 0.1)``."""
    return _book_fastai(ctx, make_simple_net, epochs=40, lr=0.1)


def _nearest_mean(ctx: Context, metric: str) -> Outcome:
    ds = ctx.dataset("mnist")
    means = similarity.class_means(ds.train_x, ds.train_y)
    preds = similarity.nearest_mean(ds.valid_x, means, metric)
    return Outcome((preds == ds.valid_y).float().mean().item(), model=means)


def ten_nearest_mean_mse(ctx: Context) -> Outcome:
    return _nearest_mean(ctx, "mse")


def ten_nearest_mean_l1(ctx: Context) -> Outcome:
    return _nearest_mean(ctx, "l1")


def _ten_digit_net(ctx: Context, model_fn, desc: str, lr=0.1, epochs=40, bs=64) -> Outcome:
    train_x, train_y, valid_x, valid_y = ctx.arranged("mnist", ten_digits)
    seed_everything(ctx.seed)
    dls = make_loaders(train_x, train_y, valid_x, valid_y, batch_size=bs, seed=ctx.seed)
    dls.valid = TensorLoader(valid_x, valid_y, batch_size=1024)
    return _fit_learner(
        ctx,
        model_fn(),
        dls,
        multiclass.cross_entropy,
        multiclass.multiclass_accuracy,
        epochs,
        lr,
        desc,
    )


@on_ctx_threads
def ten_linear(ctx: Context, epochs: int = 40) -> Outcome:
    """``nn.Linear(784, 10)`` with the from-scratch cross-entropy, SGD lr 0.1, batch 64, 40 epochs."""
    return _ten_digit_net(ctx, lambda: torch.nn.Linear(28 * 28, 10), "ten_linear", epochs=epochs)


@on_ctx_threads
def ten_net_30(ctx: Context, epochs: int = 40) -> Outcome:
    """The book's ``simple_net`` widened to ten outputs: 784-30-10 with ReLU."""
    return _ten_digit_net(
        ctx, lambda: make_simple_net(n_hidden=30, n_out=10), "ten_net_30", epochs=epochs
    )


@on_ctx_threads
def ten_net_128(ctx: Context, epochs: int = 40) -> Outcome:
    """A wider hidden layer: 784-128-10 with ReLU."""
    return _ten_digit_net(
        ctx, lambda: make_simple_net(n_hidden=128, n_out=10), "ten_net_128", epochs=epochs
    )


def resnet18_fastai(ctx: Context) -> Outcome:
    """ "Going deeper": fastai ``vision_learner(dls, resnet18, pretrained=False)``, 1 epoch."""
    from mnist_ref.book_fastai import fit_resnet18

    ds = ctx.dataset("mnist_sample")
    seed_everything(ctx.seed)
    return Outcome(fit_resnet18(ds.path, "train", "valid", ctx.device))


STAGES: list[Stage] = [
    Stage(
        "pixel_similarity_l1",
        "3 vs 7: pixel similarity, L1 to mean images",
        "mnist_sample",
        pixel_similarity_l1,
    ),
    Stage(
        "pixel_similarity_rmse",
        "3 vs 7: pixel similarity, RMSE to mean images",
        "mnist_sample",
        pixel_similarity_rmse,
    ),
    Stage(
        "linear_sgd",
        "3 vs 7: linear model, SGD from scratch (lr 1, 20 epochs)",
        "mnist_sample",
        linear_sgd,
    ),
    Stage(
        "linear_fastai",
        "3 vs 7: nn.Linear with fastai Learner + SGD (lr 1, 10 epochs)",
        "mnist_sample",
        linear_fastai,
        uses_fastai=True,
    ),
    Stage(
        "simple_net_scratch",
        "3 vs 7: simple_net from w1, b1, w2, b2 (lr 0.1, 40 epochs)",
        "mnist_sample",
        simple_net_scratch,
    ),
    Stage(
        "simple_net_learner",
        "3 vs 7: simple_net, Learner from scratch (lr 0.1, 40 epochs)",
        "mnist_sample",
        simple_net_learner,
    ),
    Stage(
        "simple_net_fastai",
        "3 vs 7: simple_net, fastai Learner + SGD (lr 0.1, 40 epochs)",
        "mnist_sample",
        simple_net_fastai,
        uses_fastai=True,
    ),
    Stage(
        "ten_nearest_mean_mse", "10 digits: nearest mean image, MSE", "mnist", ten_nearest_mean_mse
    ),
    Stage("ten_nearest_mean_l1", "10 digits: nearest mean image, L1", "mnist", ten_nearest_mean_l1),
    Stage(
        "ten_linear",
        "10 digits: linear + cross-entropy (lr 0.1, batch 64, 40 epochs)",
        "mnist",
        ten_linear,
    ),
    Stage(
        "ten_net_30",
        "10 digits: 784-30-10 ReLU net (lr 0.1, batch 64, 40 epochs)",
        "mnist",
        ten_net_30,
    ),
    Stage(
        "ten_net_128",
        "10 digits: 784-128-10 ReLU net (lr 0.1, batch 64, 40 epochs)",
        "mnist",
        ten_net_128,
    ),
    Stage(
        "resnet18_fastai",
        "going deeper: fastai resnet18, not pretrained, 1 epoch",
        "mnist_sample",
        resnet18_fastai,
        uses_fastai=True,
        needs_gpu_by_default=True,
    ),
]
STAGES_BY_NAME = {s.name: s for s in STAGES}


def default_stages(device: torch.device) -> list[Stage]:
    """Every stage, except those too slow for a CPU (resnet18) when there is no GPU."""
    return [s for s in STAGES if device.type == "cuda" or not s.needs_gpu_by_default]


def run_stage(stage: Stage, ctx: Context) -> tuple[StageResult, Outcome]:
    """Run one stage and judge it against the threshold recorded for the data it ran on."""
    ds = ctx.dataset(stage.dataset)  # loaded (and announced) outside the timing
    start = time.perf_counter()
    outcome = stage.run(ctx)
    if ctx.device.type == "cuda":
        torch.cuda.synchronize()
    seconds = time.perf_counter() - start
    variant = data_variant(ds)
    record = threshold_record(stage.name, variant)
    threshold = None if record is None else (record.exact or record.minimum)
    rule = "" if record is None else ("exact" if record.exact is not None else "minimum")
    passed = passes(stage.name, variant, outcome.accuracy)
    result = StageResult(
        stage=stage.name,
        title=stage.title,
        data=variant,
        source=ds.source,
        accuracy=round(outcome.accuracy, 4),
        threshold=threshold,
        rule=rule,
        passed=passed,
        seconds=round(seconds, 2),
        device=str(ctx.device),
        seed=ctx.seed,
        history=list(outcome.history),
        details=outcome.details,
    )
    return result, outcome
