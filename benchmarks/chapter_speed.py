"""The chapter the book's way versus the reference :mod:`mnist_ref`, measured so that it can tell.

    python benchmarks/chapter_speed.py [--data PATH] [--repeats 5] [--quick] [--stages load,linear]

Each side runs in a process of its own (the reference's never imports fastai; the book's imports it
once, before timing starts), and the driver interleaves them: in every round each stage runs on the
book's side, then on the reference's, so a change in the machine's load reaches both alike. After
``--repeats`` rounds it prints, per stage, each side's median time with its spread (the
interquartile range from 4 rounds on, so that one disturbed round does not hide a difference;
min-max below that), and a ratio only where the two spreads do not overlap ("within noise"
otherwise).

Stages, on the same data (found like ``mnist-ref run`` finds it):

- load: a PIL ``Image.open`` per file, ``torch.stack``, ``.float()/255``, then the notebook's
  ``torch.cat([threes, sevens]).view(-1, 28*28)`` (book) vs the cached tensors, arranged (reference);
- import fastai: ``from fastai.vision.all import *``, the notebook's first line, timed in a fresh
  process after ``import torch`` (the reference never imports fastai: 0 s);
- pixel similarity: the same arithmetic on both sides (the book's cells on its stacked 3s and 7s;
  the reference's stage on the rows ``threes_sevens`` arranged, which its training stages share);
- linear, 20 epochs: ``DataLoader(list(zip(x, y)))`` and per-parameter loops (book) vs
  ``mnist_ref.stages.linear_sgd``;
- simple_net, 40 epochs: fastai's ``Learner`` with ``SGD`` (book) vs the from-scratch ``Learner``
  (``stages.simple_net_learner``);
- ten digits, 40 epochs: 784-30-10 net, batch 64, the from-scratch cross-entropy, with fastai's
  ``Learner`` and ``SGD`` (the chapter's way, applied to ten digits) vs ``stages.ten_net_30``.

Both sides use the same learning rate, batch size, epochs and seed. The book's side runs the
book's code as printed (its ``train_epoch`` and the indexing cross-entropy are copied below, so
that the reference's faster versions never reach it), on PyTorch's default number of threads
(what a notebook gets; ``--book-threads 1`` shows how much of the difference is the thread
count); the reference's training stages run on ``mnist_ref.runtime.STAGE_THREADS``
(``--ref-threads``), its pixel similarity on the process's threads, as the book's cells.

Arithmetic. The machine's float32 matmul throughput is measured in the same run, once per round
(``[512, 512] @ [512, 512]`` on one thread and on all; "peak" is the median on the reference's
threads: one thread by default, all of them with ``--ref-threads`` other than 1). For each
training stage the useful work of a chain of linear layers ``d0 -> d1 -> ... -> dL`` (784 -> 1,
784 -> 30 -> 1, 784 -> 30 -> 10) is counted as

    F = sum over layers of 2 * d[l-1] * d[l]            one item's forward pass
    train_flops = F + F + (F - 2 * d0 * d1)             forward, weight gradients, and the input
                                                        gradients of every layer but the first
    FLOPs = epochs * (N_train * train_flops + N_valid * F)

(biases, activations and the loss, a few operations per item, are left out); GFLOP/s is FLOPs over
the median time, "of peak" that over the peak. "matmul-only s" is the time of the same epochs'
matmuls alone, issued as the reference's stages and autograd issue them, in its shapes and on its
threads: what the stage would take if nothing but the arithmetic took time; "share" is that
over the reference's median (100% would mean no overhead at all).

The last line is ``overall speedup: X.Xx``: the sum of the book's medians over the sum of the
reference's, every stage included (the line above leaves the fastai import out).
``--quick`` (one round, one epoch per training stage) checks that it all runs, not how fast.

``--profile`` runs only the reference's training stages, each once plainly and once under
``torch.profiler``, and prints where their time goes: the matmuls (``mm``, ``addmm``), gathering
the mini-batches (``index_select``, ``randperm``), every other PyTorch operation (elementwise,
reductions, the optimizer's ``_foreach`` steps, autograd's own), and what no operation accounts
for (Python, the autograd engine's bookkeeping, the profiler itself), as shares of the profiled
run, and PyTorch operations called per step (nested ones included: ``linear`` calls ``addmm``).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Spec:
    """One row: its title, epochs, and for a training stage the model and batch sizes."""

    title: str
    epochs: int = 0
    sizes: tuple[int, ...] = ()  # layer sizes d0 -> ... -> dL of the model trained
    batch: int = 0
    valid_batch: int = 0  # the reference's
    data: str = "mnist_sample"


STAGES = {
    "load": Spec("load"),
    "import": Spec("import fastai"),
    "pixel": Spec("pixel similarity"),
    "linear": Spec("linear, {e} epochs", 20, (784, 1), 256, 256),
    "simple_net": Spec("simple_net, {e} epochs", 40, (784, 30, 1), 256, 256),
    "ten": Spec("ten digits, {e} epochs", 40, (784, 30, 10), 64, 1024, "mnist"),
}
SEED = 42
SETTLE_S = 0.05
"""Seconds the driver waits before each timed stage. After a parallel region, PyTorch's OpenMP
threads (GNU libgomp here) keep spinning for a few milliseconds, waiting for more work; without the
pause the side that had just run held both cores while the other side's stage started, and the
reference's 3 ms pixel similarity measured 4 to 8 ms."""


def datasets_needed(stages: list[str]) -> list[str]:
    """The datasets the chosen stages read (the ten digits only for "ten" and "load")."""
    return ["mnist_sample"] + (["mnist"] if {"ten", "load"} & set(stages) else [])


def layer_flops(sizes: tuple[int, ...]) -> tuple[int, int]:
    """Useful FLOPs per item, ``(train, valid)``, of linear layers ``sizes[0] -> ... -> sizes[-1]``
    (the formula is in the module docstring)."""
    forward = sum(2 * a * b for a, b in zip(sizes, sizes[1:]))
    return forward + forward + (forward - 2 * sizes[0] * sizes[1]), forward


# --- the two workers: each keeps its data and its imports between runs --------------------------


def book_train_epoch(model, lr, params, dl):
    """The book's ``train_epoch`` as printed (the reference's steps all parameters at once)."""
    from mnist_ref.linear import calc_grad

    for xb, yb in dl:
        calc_grad(xb, yb, model)
        for p in params:
            p.data -= p.grad * lr
            p.grad.zero_()


def book_cross_entropy(preds, targets):
    """From scratch, the book's way: log-softmax, then ``[range(N), targets]`` (the reference
    picks with ``gather``: the same numbers)."""
    import torch

    from mnist_ref.multiclass import log_softmax

    return -log_softmax(preds)[torch.arange(len(targets)), targets].mean()


def book_stages(args, torch) -> tuple[dict, dict]:
    """The book's way: ``(counts, runs)``, ``runs[stage](epochs)`` returning an accuracy or None."""
    import numpy as np
    from PIL import Image
    from torch.utils.data import DataLoader

    from mnist_ref import linear, multiclass
    from mnist_ref.book_fastai import fit_fastai_learner
    from mnist_ref.data import load_dataset
    from mnist_ref.runtime import seed_everything
    from mnist_ref.simple_net import make_simple_net

    loaded = [
        load_dataset(n, args.data, progress=False, announce=None)
        for n in datasets_needed(args.stage_list)
    ]
    sample, ten = loaded[0], loaded[-1]  # the same dataset when the ten digits are not needed

    def stack_folder(folder):
        """``torch.stack([tensor(Image.open(o)) for o in sorted files]).float() / 255``."""
        files = sorted(folder.iterdir())
        return torch.stack([torch.tensor(np.array(Image.open(o))) for o in files]).float() / 255

    def notebook_threes_sevens(threes, sevens):
        x = torch.cat([threes, sevens]).view(-1, 28 * 28)  # [N, 784]
        y = torch.tensor([1.0] * len(threes) + [0.0] * len(sevens)).unsqueeze(1)  # [N, 1]
        return x, y

    def load(epochs):
        for split in ("train", "valid"):
            notebook_threes_sevens(*(stack_folder(sample.path / split / c) for c in "37"))
        for split in ("training", "testing") if ten.name == "mnist" else ():
            digits = [stack_folder(ten.path / split / str(c)) for c in range(10)]
            torch.cat(digits).view(-1, 28 * 28)  # [N, 784]
            torch.cat([torch.full((len(d),), c) for c, d in enumerate(digits)])  # [N]

    # what the notebook holds once it has loaded the images (not timed)
    threes, sevens = sample.train_x[sample.train_y == 3], sample.train_x[sample.train_y == 7]
    valid_3, valid_7 = sample.valid_x[sample.valid_y == 3], sample.valid_x[sample.valid_y == 7]
    s37 = (*notebook_threes_sevens(threes, sevens), *notebook_threes_sevens(valid_3, valid_7))
    ten_t = (ten.train_x.view(-1, 784), ten.train_y, ten.valid_x.view(-1, 784), ten.valid_y)

    def pixel(epochs):
        """The chapter's cells, as printed."""
        mean3, mean7 = threes.mean(0), sevens.mean(0)

        def mnist_distance(a, b):
            return (a - b).abs().mean((-1, -2))

        def is_3(x):
            return mnist_distance(x, mean3) < mnist_distance(x, mean7)

        accuracy_3s = is_3(valid_3).float().mean()
        accuracy_7s = (1 - is_3(valid_7).float()).mean()
        return ((accuracy_3s + accuracy_7s) / 2).item()

    def linear_sgd(epochs, lr=1.0):
        train_x, train_y, valid_x, valid_y = s37
        seed_everything(args.seed)
        weights, bias = linear.init_params((28 * 28, 1)), linear.init_params(1)
        dl = DataLoader(list(zip(train_x, train_y)), batch_size=256, shuffle=True)
        valid_dl = DataLoader(list(zip(valid_x, valid_y)), batch_size=256)

        def model(xb):
            return linear.linear1(xb, weights, bias)

        for _ in range(epochs):
            book_train_epoch(model, lr, (weights, bias), dl)
        return linear.validate_epoch(model, valid_dl)

    def fastai_learner(model, data, loss_func, metric, epochs, batch_size):
        seed_everything(args.seed)
        train_x, train_y, valid_x, valid_y = data
        history = fit_fastai_learner(
            model,
            (train_x, train_y),
            (valid_x, valid_y),
            loss_func,
            metric,
            epochs,
            0.1,
            torch.device("cpu"),
            batch_size=batch_size,
        )
        return history[-1]

    def simple_net(epochs):
        return fastai_learner(
            make_simple_net(), s37, linear.mnist_loss, linear.batch_accuracy, epochs, 256
        )

    def ten_digits(epochs):
        return fastai_learner(
            make_simple_net(n_hidden=30, n_out=10),
            ten_t,
            book_cross_entropy,
            multiclass.multiclass_accuracy,
            epochs,
            64,
        )

    counts = {ds.name: (len(ds.train_y), len(ds.valid_y)) for ds in loaded}
    counts["summary"] = [ds.summary() for ds in loaded]
    runs = {
        "load": load,
        "pixel": pixel,
        "linear": linear_sgd,
        "simple_net": simple_net,
        "ten": ten_digits,
    }
    return counts, runs


def ref_stages(args, torch) -> tuple[dict, dict]:
    """The reference's stages (:mod:`mnist_ref.stages`); "load" starts a fresh :class:`Context`."""
    from mnist_ref import stages

    ctx = {}

    def load(epochs=None):
        ctx["now"] = stages.Context(
            data_dir=args.data,
            device=torch.device("cpu"),
            seed=args.seed,
            progress=False,
            announce=lambda line: None,
            threads=None if args.ref_threads == 0 else args.ref_threads,
        )
        for name, arrange in zip(
            ("mnist_sample", "mnist"), (stages.threes_sevens, stages.ten_digits)
        ):
            if name in datasets_needed(args.stage_list):
                ctx["now"].arranged(name, arrange)

    load()
    datasets = [ctx["now"].dataset(name) for name in datasets_needed(args.stage_list)]
    counts = {ds.name: (len(ds.train_y), len(ds.valid_y)) for ds in datasets}
    counts["summary"] = [ds.summary() for ds in datasets]
    runs = {
        "load": load,
        "pixel": lambda e: stages.pixel_similarity_l1(ctx["now"]).accuracy,
        "linear": lambda e: stages.linear_sgd(ctx["now"], epochs=e).accuracy,
        "simple_net": lambda e: stages.simple_net_learner(ctx["now"], epochs=e).accuracy,
        "ten": lambda e: stages.ten_net_30(ctx["now"], epochs=e).accuracy,
    }
    return counts, runs


def best_of(fn, seconds: float = 0.1, at_least: int = 3) -> float:
    """The shortest of repeated timings of ``fn()`` (after one untimed call)."""
    fn()
    best, deadline, n = float("inf"), time.perf_counter() + seconds, 0
    while n < at_least or time.perf_counter() < deadline:
        start = time.perf_counter()
        fn()
        best, n = min(best, time.perf_counter() - start), n + 1
    return best


def matmul_gflops(torch, threads: int, n: int = 512) -> float:
    """float32 ``[n, n] @ [n, n]`` on ``threads`` threads, in GFLOP/s."""
    from mnist_ref.runtime import cpu_threads

    a, b = torch.randn(n, n), torch.randn(n, n)
    with cpu_threads(threads):
        return 2 * n**3 / best_of(lambda: a @ b) / 1e9


def matmul_only_epoch(torch, spec: Spec, n_train: int, n_valid: int) -> float:
    """Seconds for one epoch's matmuls alone, in ``spec``'s shapes, on the current threads:
    ``addmm(b, x, W.t())`` forward (``addmm(b[:, None], W, x.t())`` for the first of several
    layers, as ``mnist_ref.stages.first_layer_by_rows`` computes it), ``g.t() @ x`` (weight
    gradient), ``g @ W`` (input gradient)."""

    def batch_seconds(n: int, train: bool) -> float:
        if n == 0:
            return 0.0
        layers = [
            (
                torch.rand(n, d_in),
                torch.randn(d_out, d_in),
                torch.randn(d_out),
                torch.randn(n, d_out),
            )
            for d_in, d_out in zip(spec.sizes, spec.sizes[1:])
        ]

        def run():
            for i, (x, w, b, g) in enumerate(layers):
                if i == 0 and len(layers) > 1:
                    torch.addmm(b[:, None], w, x.t())  # [d_out, n]
                else:
                    torch.addmm(b, x, w.t())  # [n, d_out]
                if train:
                    g.t() @ x  # [d_out, d_in]
                    if i > 0:
                        g @ w  # [n, d_in]

        return best_of(run, seconds=0.02)

    full, rest = divmod(n_train, spec.batch)
    v_full, v_rest = divmod(n_valid, spec.valid_batch)
    return (
        full * batch_seconds(spec.batch, True)
        + batch_seconds(rest, True)
        + v_full * batch_seconds(spec.valid_batch, False)
        + batch_seconds(v_rest, False)
    )


def worker(side: str, args) -> int:
    """Answer one JSON line per command line read from stdin (a stage to run, or "probe")."""
    import warnings

    warnings.simplefilter("ignore", FutureWarning)
    warnings.simplefilter("ignore", DeprecationWarning)
    reply = os.fdopen(os.dup(1), "w")
    os.dup2(2, 1)  # whatever a library prints goes to stderr, not into the replies
    sys.stdout = sys.stderr
    import torch

    from mnist_ref.runtime import cpu_threads

    if side == "book":
        if args.book_threads:
            torch.set_num_threads(args.book_threads)
        if {"simple_net", "ten"} & set(args.stage_list):  # they use fastai's Learner
            import fastai.vision.all  # noqa: F401  (timed on its own, in a fresh process)

        counts, runs = book_stages(args, torch)
    else:
        counts, runs = ref_stages(args, torch)
    counts["threads"] = torch.get_num_threads()
    print(json.dumps(counts), file=reply, flush=True)
    for line in sys.stdin:
        cmd = json.loads(line)
        if cmd["stage"] == "probe":
            out = {"1": matmul_gflops(torch, 1), "all": matmul_gflops(torch, os.cpu_count() or 1)}
            with cpu_threads(None if args.ref_threads == 0 else args.ref_threads):
                for name in cmd["training"]:
                    spec = STAGES[name]
                    out[name] = matmul_only_epoch(torch, spec, *counts[spec.data])
        else:
            start = time.perf_counter()
            accuracy = runs[cmd["stage"]](cmd["epochs"])
            out = {"seconds": time.perf_counter() - start, "accuracy": accuracy}
        out["fastai_imported"] = "fastai" in sys.modules
        print(json.dumps(out), file=reply, flush=True)
    return 0


# --- the driver -----------------------------------------------------------------------------------


@dataclass
class Side:
    """A worker process and what it measured."""

    name: str
    proc: subprocess.Popen
    info: dict = field(default_factory=dict)
    times: dict = field(default_factory=dict)
    accuracy: dict = field(default_factory=dict)

    @classmethod
    def start(cls, name: str, argv: list[str]) -> Side:
        cmd = [sys.executable, os.path.abspath(__file__), "--worker", name, *argv]
        proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        return cls(name, proc)

    def ask(self, **cmd) -> dict:
        self.proc.stdin.write(json.dumps(cmd) + "\n")
        self.proc.stdin.flush()
        return self.answer()

    def answer(self) -> dict:
        line = self.proc.stdout.readline()
        if not line:
            raise SystemExit(
                f"the {self.name} worker ended (exit status {self.proc.wait()}): see above"
            )
        return json.loads(line)

    def run(self, stage: str, epochs: int) -> None:
        time.sleep(SETTLE_S)  # the other side's idle OpenMP threads stop spinning first
        out = self.ask(stage=stage, epochs=epochs)
        self.times.setdefault(stage, []).append(out["seconds"])
        self.accuracy[stage] = out["accuracy"]
        if self.name == "ref" and out["fastai_imported"]:
            raise SystemExit("the reference's side imported fastai: its fast path must not")

    def stop(self) -> None:
        self.proc.stdin.close()
        self.proc.wait()


def import_fastai_seconds() -> float:
    """``import fastai.vision.all`` in a fresh process, after ``import torch``."""
    code = (
        "import time, warnings; warnings.simplefilter('ignore'); import torch; "
        "t = time.perf_counter(); import fastai.vision.all; print(time.perf_counter() - t)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(out.stdout.strip().splitlines()[-1])


def spread(values: list[float]) -> tuple[float, float]:
    """The interquartile range (the middle three of five rounds) from 4 rounds on, else min-max."""
    if len(values) >= 4:
        q1, _, q3 = statistics.quantiles(values, n=4, method="inclusive")
        return q1, q3
    return min(values), max(values)


def ratio_text(book: list[float], ref: list[float]) -> str:
    """``12.3x`` (book's median over reference's) where the spreads do not overlap, else why not."""
    if max(ref) == 0:
        return "-"
    (book_lo, book_hi), (ref_lo, ref_hi) = spread(book), spread(ref)
    if book_lo > ref_hi or book_hi < ref_lo:
        return f"{statistics.median(book) / statistics.median(ref):.1f}x"
    return "within noise"


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", default=None, help="data folder (default: as mnist-ref finds it)")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--repeats", type=int, default=5, help="rounds (default 5)")
    parser.add_argument(
        "--quick", action="store_true", help="one round, one epoch per training stage"
    )
    parser.add_argument(
        "--stages", default=",".join(STAGES), help=f"a subset of {','.join(STAGES)}"
    )
    parser.add_argument(
        "--book-threads", type=int, default=0, help="the book's torch threads (0: the default)"
    )
    parser.add_argument(
        "--ref-threads",
        type=int,
        default=None,
        help="the reference's training threads (default: STAGE_THREADS; 0: torch's default)",
    )
    parser.add_argument(
        "--profile", action="store_true", help="where the reference's training stages spend time"
    )
    parser.add_argument("--worker", choices=("book", "ref"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    args.stage_list = [s for s in args.stages.split(",") if s]
    unknown = [s for s in args.stage_list if s not in STAGES]
    if unknown or not args.stage_list:
        parser.error(f"unknown stage(s) {', '.join(unknown)}; choose from {', '.join(STAGES)}")
    if args.ref_threads is None:
        from mnist_ref.runtime import STAGE_THREADS

        args.ref_threads = STAGE_THREADS or 0
    if args.quick:
        args.repeats = 1
    return args


GROUPS = {
    "matmul": ("aten::mm", "aten::addmm", "aten::bmm", "aten::addmv", "aten::mv", "aten::dot"),
    "gather": ("aten::index_select", "aten::randperm"),
}


def first_layer_gflops(torch, d_out: int, batch: int) -> tuple[float, float, float]:
    """A first layer ``784 -> d_out`` on a ``[batch, 784]`` batch, one thread, in GFLOP/s:
    ``x @ W.T + b`` (``nn.Linear``'s way), ``(b + W @ x.T).T`` (the stages' way, see
    ``mnist_ref.stages.first_layer_by_rows``) and its weight gradient ``g.T @ x``."""
    from mnist_ref.runtime import cpu_threads

    x, w, b = torch.rand(batch, 784), torch.randn(d_out, 784), torch.randn(d_out)
    g = torch.randn(batch, d_out)
    flops = 2 * batch * 784 * d_out
    with cpu_threads(1):
        return tuple(
            flops / best_of(fn) / 1e9
            for fn in (
                lambda: torch.addmm(b, x, w.t()),
                lambda: torch.addmm(b[:, None], w, x.t()),
                lambda: g.t() @ x,
            )
        )


def profile(args) -> int:
    """``--profile``: where the reference's training stages spend their time (one thread each)."""
    import warnings

    warnings.simplefilter("ignore")
    import torch
    from torch.profiler import ProfilerActivity
    from torch.profiler import profile as torch_profile

    counts, runs = ref_stages(args, torch)
    training = [s for s in args.stage_list if STAGES[s].sizes]
    print(f"load average (1, 5, 15 min): {', '.join(f'{v:.2f}' for v in os.getloadavg())}")
    print(
        f"{'stage':21} {'plain s':>8} {'profiled s':>10} {'matmul':>7} {'gather':>7} "
        f"{'other ops':>9} {'outside':>7} {'aten/step':>9}"
    )
    for stage in training:
        spec, e = STAGES[stage], 1 if args.quick else STAGES[stage].epochs
        n_train, n_valid = counts[spec.data]
        steps = e * (-(-n_train // spec.batch) + -(-n_valid // spec.valid_batch))
        start = time.perf_counter()
        runs[stage](e)
        plain = time.perf_counter() - start
        with torch_profile(activities=[ProfilerActivity.CPU]) as prof:
            start = time.perf_counter()
            runs[stage](e)
            profiled = time.perf_counter() - start
        events = prof.key_averages()
        groups = dict.fromkeys(("matmul", "gather", "other ops"), 0.0)
        calls = 0
        for ev in events:
            if not ev.key.startswith("aten::"):
                continue
            group = next((g for g, names in GROUPS.items() if ev.key in names), "other ops")
            groups[group] += ev.self_cpu_time_total / 1e6
            calls += ev.count
        outside = max(profiled - sum(groups.values()), 0.0)
        shares = " ".join(f"{v / profiled:{w}.0%}" for v, w in zip(groups.values(), (7, 7, 9)))
        print(
            f"{spec.title.format(e=e):21} {plain:8.2f} {profiled:10.2f} {shares} "
            f"{outside / profiled:7.0%} {calls / steps:9.0f}"
        )
    print("\nfirst layer alone, one thread, cache-warm, GFLOP/s: x @ W.T | W @ x.T | g.T @ x")
    for stage in training:
        spec = STAGES[stage]
        if len(spec.sizes) > 2:  # the stages compute a hidden first layer by rows
            rates = first_layer_gflops(torch, spec.sizes[1], spec.batch)
            print(
                f"{spec.sizes[0]}->{spec.sizes[1]}, batch {spec.batch}: "
                + " | ".join(f"{r:.1f}" for r in rates)
            )
    return 0


def main(argv=None) -> int:
    args = parse_args(argv)
    if args.worker:
        return worker(args.worker, args)
    if args.profile:
        return profile(args)
    passed = [
        f"--seed={args.seed}",
        f"--book-threads={args.book_threads}",
        f"--stages={args.stages}",
    ]
    passed += [f"--ref-threads={args.ref_threads}"] + ([f"--data={args.data}"] if args.data else [])
    load_before = os.getloadavg()
    ref = Side.start("ref", passed)
    ref.info = ref.answer()  # its data loaded (and cached) before the book's side reads it
    book = Side.start("book", passed)
    try:
        book.info = book.answer()
        epochs = {s: 1 if args.quick else STAGES[s].epochs for s in args.stage_list}
        training = [s for s in args.stage_list if STAGES[s].sizes]
        probes: list[dict] = []
        for _ in range(args.repeats):
            probes.append(ref.ask(stage="probe", training=training))
            for stage in args.stage_list:
                if stage == "import":
                    book.times.setdefault(stage, []).append(import_fastai_seconds())
                    ref.times.setdefault(stage, []).append(0.0)
                    continue
                book.run(stage, epochs[stage])
                ref.run(stage, epochs[stage])
    finally:
        book.stop()
        ref.stop()
    report(args, book, ref, epochs, probes, (load_before, os.getloadavg()))
    return 0


def timing(values: list[float]) -> str:
    """``median (low-high)`` of :func:`spread`."""
    low, high, median = *spread(values), statistics.median(values)
    d = 4 if median < 0.1 else 3 if median < 1 else 2  # tenths of a millisecond for the shortest
    return f"{median:.{d}f} ({low:.{d}f}-{high:.{d}f})"


def report(args, book: Side, ref: Side, epochs: dict, probes: list[dict], loads) -> None:
    med = statistics.median
    one, every = [p["1"] for p in probes], [p["all"] for p in probes]
    peak = med(one) if args.ref_threads == 1 else med(every)  # on the reference's threads
    print("data: " + "\n      ".join(ref.info["summary"]))
    print(
        f"machine: {os.cpu_count()} CPUs; load average (1, 5, 15 min) "
        + " at the start, ".join(", ".join(f"{v:.2f}" for v in load) for load in loads)
        + " at the end (other work shares the CPUs: read the spreads)"
    )
    print(
        f"threads: book {book.info['threads']}; reference {args.ref_threads or 'default'} while "
        f"training; {args.repeats} round(s), each stage book then reference in each round"
    )
    print(
        f"matmul float32 [512,512]@[512,512], median (min-max) GFLOP/s: 1 thread {med(one):.1f} "
        f"({min(one):.1f}-{max(one):.1f}), {os.cpu_count()} threads {med(every):.1f} "
        f"({min(every):.1f}-{max(every):.1f}); peak on the reference's threads {peak:.1f}\n"
    )
    kind = "IQR" if args.repeats >= 4 else "min-max"
    print(
        f"{'stage':21} {f'book s ({kind})':>20} {f'ref s ({kind})':>20} {'ratio':>12} "
        f"{'book acc':>8} {'ref acc':>8}  {'GFLOP/s book':>12} {'ref':>5} {'of peak':>7}  "
        f"{'matmul-only s':>13} {'share':>5}"
    )
    totals = {"all": [0.0, 0.0], "no import": [0.0, 0.0]}
    for stage in args.stage_list:
        spec, tb, tr = STAGES[stage], book.times[stage], ref.times[stage]
        for key in ("all", "no import") if stage != "import" else ("all",):
            totals[key][0] += med(tb)
            totals[key][1] += med(tr)
        ab, ar = book.accuracy.get(stage), ref.accuracy.get(stage)
        acc = f"{ab:8.4f} {ar:8.4f}" if ab is not None and ar is not None else f"{'':17}"
        extra = ""
        if spec.sizes:
            n_train, n_valid = ref.info[spec.data]
            train_f, valid_f = layer_flops(spec.sizes)
            flops = epochs[stage] * (n_train * train_f + n_valid * valid_f)
            limit = med([p[stage] for p in probes]) * epochs[stage]
            extra = (
                f"  {flops / med(tb) / 1e9:12.1f} {flops / med(tr) / 1e9:5.1f} "
                f"{flops / med(tr) / 1e9 / peak:7.0%}  {limit:13.2f} {limit / med(tr):5.0%}"
            )
        print(
            f"{spec.title.format(e=epochs[stage]):21} {timing(tb):>20} "
            f"{timing(tr) if max(tr) else '0 (not needed)':>20} "
            f"{ratio_text(tb, tr):>12} {acc}{extra}"
        )
    per_round = [
        sum(book.times[s][r] for s in args.stage_list)
        / sum(ref.times[s][r] for s in args.stage_list)
        for r in range(args.repeats)
    ]
    print(f"{'sum of medians':21} {totals['all'][0]:8.2f} {'':10} {totals['all'][1]:8.2f}")
    print(f"overall per round: {min(per_round):.1f}x to {max(per_round):.1f}x")
    if "import" in args.stage_list:
        book_s, ref_s = totals["no import"]
        print(f"overall without import fastai: {book_s / ref_s:.1f}x")
    print(f"overall speedup: {totals['all'][0] / totals['all'][1]:.1f}x")


if __name__ == "__main__":
    sys.exit(main())
