"""Checks of exercise 5b, the "stuck at 50%" debugging lab: ``make_xy``, ``make_dl``, ``init_net``.

The lab gives a set-up that sits at 0.50 (targets ``[N]`` against outputs ``[N, 1]``, batches in
order, all 3s then all 7s, and ``simple_net`` drawn with standard deviation 1.0); the student fixes
each cause in its own function. Three checks judge each fix alone, on small inputs: the targets'
shape (``make_xy``), a fresh mix in every epoch (``make_dl``, on 40 sorted items whose index the
grader reads back), unsaturated first outputs (``init_net``: at most 20% of ``simple_net``'s
outputs with ``|output| > 5`` on 1000 real training images; the book's 1.0 gives 85% to 99%).

``fixed_setup_trains`` runs the three together in the lab's loop (probe ``train_setup``: the book's
``simple_net``, ``mnist_loss``, ``p -= p.grad * lr``; 5 epochs, lr 0.1, batches of 256, or 32 on
the 800 embedded digits (:func:`batch`), seed 42) on the 3s and 7s of MNIST_SAMPLE, on the CPU. The
worker returns the parameters after each epoch; the grader measures each itself on its own
validation data, and compares that curve with the reference's (``mnist_ref.stacking.make_xy``,
shuffled batches, ``init_simple_net(std=0.1)``, from seed 42): the last epoch within :func:`margin`
of the reference's, the first within :data:`FIRST_MARGIN` (unshuffled batches end their first epoch
near 0.5). Measured on the complete MNIST_SAMPLE (seeds 0, 1, 2, 42): the fixed set-up 0.956 to
0.961 after epoch 1, 0.968 to 0.972 after epoch 5; batches in order 0.52 to 0.55 after epoch 1,
0.952 to 0.960 after 5; ``[N]`` targets alone 0.505 after 5; std 1.0 alone 0.89 to 0.92 after 5,
and 0.501 in one seed of four (99.1% of outputs saturated). A failing run shows its curve beside
the reference's, with a diagnosis (:mod:`autograder.render.curves`).

The lab's own ``train`` (seed 2, the notebook's) after 5 epochs, measured on the complete
MNIST_SAMPLE: the stuck set-up 0.501; the fixed one 0.969; one fix at a time: targets 0.501,
shuffling 0.482, scale 0.958; two: shuffling and scale 0.504 (the ``[N]`` targets, harmless while
each batch held one class, now push every output the same way), targets and scale 0.958, targets
and shuffling 0.501. The causes hide one another, which is what the lab is about.
"""

from __future__ import annotations

from functools import lru_cache

import torch

from autograder.checks.common import SEED, context, kept, raised_by_student, sample_data
from autograder.core.exercise import Exercise
from autograder.core.feedback import Wrong, describe, expect_tensor, where_in_student_code
from autograder.render.curves import with_curve
from mnist_ref import linear, stacking
from mnist_ref import simple_net as net
from mnist_ref.loaders import TensorLoader
from mnist_ref.runtime import seed_everything

LOSS = "The MNIST Loss Function"
SGD = "SGD and Mini-Batches"
NONLINEAR = "Adding a Nonlinearity"
EPOCHS, LR, BATCH = 5, 0.1, 256
SMALL_BATCH = 32  # on the embedded digits (800 training images): 25 steps an epoch, not 4
MARGIN, FIRST_MARGIN = 0.015, 0.1
SATURATION_LIMIT = 0.2  # the largest fraction of |output| > 5 at the start that init_net may give
CPU = torch.device("cpu")

EXERCISE = Exercise(
    stem="e05b_stuck_at_50",
    title="Exercise 5b: stuck at 50%, a debugging lab",
    section=NONLINEAR,
    hints=[
        "Run train(stuck_xy, stuck_dl, stuck_init, ...) and then swap in one of your functions at "
        "a time. Look at shapes (y.shape against simple_net(x, *params).shape), at the labels of "
        "the first batches of stuck_dl, and at how large simple_net's first outputs are.",
        "make_xy: the targets must be [N, 1] like the outputs; a [N] target against [N, 1] "
        "predictions broadcasts torch.where(...) to [N, N]. make_dl: the data is all 3s then all "
        "7s, so unshuffled batches hold one class each. init_net: with std 1.0 most outputs are "
        "in the sigmoid's flat tails.",
        "make_xy: ....unsqueeze(1) on the targets. make_dl: DataLoader(list(zip(x, y)), "
        "batch_size=bs, shuffle=True). init_net: init_params(..., 0.1) for each of the four.",
    ],
)
check = EXERCISE.check

FLAT_TARGETS = ("the targets are [N], the network's outputs [N, 1]: torch.where(targets == 1, "
                "1 - preds, preds) broadcasts them to [N, N], so every prediction is pushed by "
                "every target of the batch, the same way for all: add .unsqueeze(1)")
IN_ORDER = ("the batches are in order: the data is all 3s, then all 7s, so each batch holds one "
            "class and every step pushes all outputs the same way; shuffle them (shuffle=True)")


# --- make_xy ---------------------------------------------------------------------------------------

def _images(seed: int) -> tuple[torch.Tensor, torch.Tensor]:
    g = torch.Generator().manual_seed(seed)
    return torch.rand(3, 28, 28, generator=g), torch.rand(2, 28, 28, generator=g)


def _xy_cause(sub) -> str | None:
    """Why the student's ``make_xy`` is wrong, in a few words, or None when it is right."""
    try:
        _check_xy(sub)
    except Wrong as wrong:
        return wrong.cause or wrong.summary
    return None


def _check_xy(sub) -> None:
    threes, sevens = _images(51)
    call = "make_xy(threes [3, 28, 28], sevens [2, 28, 28])"
    got = sub.fn("make_xy")(threes, sevens)
    if not isinstance(got, (tuple, list)) or len(got) != 2:
        raise Wrong(f"{call} should return the pair (x, y).", got=describe(got), section=LOSS)
    x, y = got
    ex, ey = stacking.make_xy(threes, sevens)
    expect_tensor(x, ex, what=f"x from {call}", section=LOSS,
                  hint="torch.cat([threes, sevens]).view(-1, 28 * 28), as stuck_xy does")
    if isinstance(y, torch.Tensor) and tuple(y.shape) == (5,):
        raise Wrong(f"y from {call} has shape [5]: the targets must line up with the network's "
                    "outputs, [N, 1].", expected="a tensor of shape [5, 1]", got=describe(y),
                    cause=FLAT_TARGETS, section=LOSS)
    if isinstance(y, torch.Tensor) and y.dtype in (torch.int64, torch.int32, torch.bool):
        y = y.float()  # the book's tensor([1]*n3 + [0]*n7).unsqueeze(1) is int64: it works too
    expect_tensor(y, ey, what=f"y from {call}", section=LOSS, check_device=False,
                  hint="1.0 for each 3, then 0.0 for each 7, as a column: "
                       "torch.tensor([1.0] * len(threes) + [0.0] * len(sevens)).unsqueeze(1)")


@check(points=1, description="make_xy returns x [N, 784] and targets y [N, 1] (not [N]), 1 for "
       "a 3 and 0 for a 7")
def make_xy_targets(sub):
    _check_xy(sub)


# --- make_dl ---------------------------------------------------------------------------------------

N_ITEMS, SMALL_BS, PASSES = 40, 8, 3


def _sorted_items() -> tuple[torch.Tensor, torch.Tensor]:
    """40 items in the lab's order: x ``[40, 784]`` with the item's index in column 0, y
    ``[40, 1]``: 20 ones (the 3s) then 20 zeros."""
    x = torch.zeros(N_ITEMS, 28 * 28)
    x[:, 0] = torch.arange(N_ITEMS, dtype=torch.float32)
    y = (torch.arange(N_ITEMS) < N_ITEMS // 2).float().unsqueeze(1)
    return x, y


def _dl_problem(run: dict) -> tuple[str, str | None] | None:
    """``(what is wrong, the likely cause)`` with the batches ``make_dl`` made, or None."""
    shapes = run["shapes"]
    if shapes is None:
        return "make_dl(x, y, 8) gave no batch at all", None
    if shapes != [[SMALL_BS, 784], [SMALL_BS, 1]]:
        cause = (f"bs is ignored: the batches hold {shapes[0][0]} pairs, not the bs given"
                 if len(shapes[0]) == 2 and shapes[0][1] == 784 else None)
        return (f"the first batch of make_dl(x [40, 784], y [40, 1], bs=8) is xb {shapes[0]}, yb "
                f"{shapes[1]}; expected xb [8, 784], yb [8, 1]", cause)
    orders = run["orders"]
    for k, order in enumerate(orders, start=1):
        if sorted(order) != list(range(N_ITEMS)):
            missing = N_ITEMS - len(set(order))
            if len(order) == len(set(order)) and missing < SMALL_BS and all(
                    s == SMALL_BS for s in run["sizes"][k - 1]):
                continue  # drop_last=True: a last, short batch left out is fine
            return (f"pass {k} over make_dl's batches did not give every pair exactly once "
                    f"({len(order)} items, {len(set(order))} different, of 40)",
                    "one pass over the loader is one epoch: every pair once" +
                    ("; a generator is used up after one pass: return a DataLoader (or a list "
                     "you can iterate over again)" if not order else ""))
    if all(order == sorted(order) for order in orders):
        return ("the batches come in the data's order: the first batches hold only 3s (label 1), "
                "the last only 7s", IN_ORDER)
    if all(order == orders[0] for order in orders[1:]):
        return (f"the batches come in the same order in each of {PASSES} passes: shuffled once, "
                "not every epoch", "shuffle at each pass over the data (DataLoader's "
                "shuffle=True draws a new order every epoch), not once when the loader is made")
    return None


def _dl_cause(sub) -> str | None:
    x, y = _sorted_items()
    try:
        problem = _dl_problem(sub.probe("batches", x, y, SMALL_BS, PASSES, SEED))
    except Exception:  # noqa: BLE001 - only a cause for another check's message
        return None
    return None if problem is None else (problem[1] or problem[0])


@check(points=1, description="make_dl gives batches of bs pairs, every pair once per epoch, in a "
       "new random order every epoch")
def make_dl_shuffles(sub):
    sub.fn("make_dl")
    x, y = _sorted_items()
    try:
        run = sub.probe("batches", x, y, SMALL_BS, PASSES, SEED)
    except (RuntimeError, TypeError, ValueError) as err:
        if not raised_by_student(err):
            raise
        where = where_in_student_code(err, sub.path)
        raise Wrong(f"iterating over make_dl(x [40, 784], y [40, 1], bs=8) raised "
                    f"{getattr(err, 'student_type', type(err).__name__)}: {err}"
                    + (f"\n  at {where}" if where else ""), section=SGD,
                    hint="DataLoader(list(zip(x, y)), batch_size=bs, shuffle=True)") from None
    problem = _dl_problem(run)
    if problem:
        raise Wrong(f"{problem[0]}.", cause=problem[1], section=SGD,
                    hint="DataLoader(list(zip(x, y)), batch_size=bs, shuffle=True)")


# --- init_net --------------------------------------------------------------------------------------

SHAPES = ((784, 30), (30,), (30, 1), (1,))


@lru_cache(maxsize=1)
def _probe_images() -> torch.Tensor:
    """1000 training images ``[1000, 784]`` on the CPU, 3s and 7s mixed, for measuring outputs."""
    data = sample_data()
    g = torch.Generator().manual_seed(SEED)
    idx = torch.randperm(len(data.train_x), generator=g)[:1000]
    return data.train_x.cpu()[idx]


def saturation(params) -> float:
    """The fraction of ``simple_net``'s outputs with ``|output| > 5`` on :func:`_probe_images`."""
    with torch.no_grad():
        out = net.simple_net(_probe_images(), *[p.detach().float().cpu() for p in params])
    return (out.abs() > 5).float().mean().item()


def _init_problem(answer: dict) -> tuple[str, str | None] | None:
    """``(what is wrong, the likely cause)`` with what ``init_net()`` returned, or None."""
    got = answer["value"]
    if not isinstance(got, (tuple, list)) or len(got) != 4:
        return f"init_net() should return the four tensors (w1, b1, w2, b2); it returned " \
               f"{describe(got)}", None
    for name, t, shape in zip(("w1", "b1", "w2", "b2"), got, SHAPES, strict=True):
        if not isinstance(t, torch.Tensor) or tuple(t.shape) != shape:
            return (f"init_net() returned a {name} that is not a tensor of shape {list(shape)} "
                    f"({describe(t)})", "w1 [784, 30], b1 [30], w2 [30, 1], b2 [1], as stuck_init")
        if not t.is_floating_point():
            return f"init_net() returned a {name} of dtype {t.dtype}; expected float32", None
    if not all(answer["leaf"]) or not all(answer["requires_grad"]):
        return ("init_net()'s tensors must be leaves that track gradients, or the training step "
                "cannot update them", "draw them with init_params (it scales, then calls "
                ".requires_grad_()); (torch.randn(...) * 0.1).requires_grad_() also works")
    w1 = got[0].detach()
    if float(w1.std()) < 1e-6 or float((w1 - w1[:, :1]).abs().max()) < 1e-6:
        return ("init_net()'s w1 has every hidden unit the same (all zeros, or one value)",
                "identical hidden units get identical gradients and stay identical (with zeros, "
                "the ReLU passes no gradient at all): draw random numbers, on a small scale")
    frac = saturation(got)
    if frac > SATURATION_LIMIT:
        return (f"{frac:.1%} of simple_net's outputs with init_net()'s parameters are saturated "
                f"(|output| > 5) on 1000 training images; at most {SATURATION_LIMIT:.0%} may be",
                "the weights are drawn on too large a scale (the book's std 1.0): with 784 "
                "inputs the first layer's outputs are tens of units large, and the sigmoid is "
                "flat beyond 5; draw them with std 0.1")
    return None


@check(points=1, description="init_net gives simple_net's four parameters, tracking gradients, on "
       "a scale where its first outputs are not saturated")
def init_net_scale(sub):
    sub.fn("init_net")
    problem = _init_problem(sub.probe("init", SEED))
    if problem:
        raise Wrong(f"{problem[0]}.", cause=problem[1], section=NONLINEAR,
                    hint="init_params((28 * 28, 30), 0.1), init_params(30, 0.1), "
                         "init_params((30, 1), 0.1), init_params(1, 0.1)")


# --- the fixed set-up, trained ---------------------------------------------------------------------

@lru_cache(maxsize=1)
def _lab_data() -> tuple[torch.Tensor, ...]:
    """MNIST_SAMPLE on the CPU: ``(threes [N3, 28, 28], sevens [N7, 28, 28], valid_x [M, 784],
    valid_y [M, 1])``."""
    data = sample_data()
    x, y = data.train_x.cpu(), data.train_y.cpu()[:, 0]
    threes, sevens = x[y == 1].view(-1, 28, 28), x[y == 0].view(-1, 28, 28)
    return threes, sevens, data.valid_x.cpu(), data.valid_y.cpu()


def batch() -> int:
    """The batch size of the training check: the book's 256 on the complete MNIST_SAMPLE (48 steps
    an epoch), :data:`SMALL_BATCH` on the embedded digits, where 256 would make 4."""
    threes, sevens, _, _ = _lab_data()
    return BATCH if len(threes) + len(sevens) >= 20 * BATCH else SMALL_BATCH


def margin() -> float:
    """How much less than the reference's accuracy a run from another start may reach:
    :data:`MARGIN` plus two validation images (0.016 on the complete MNIST_SAMPLE, 0.025 on the
    200 embedded held-out images)."""
    return MARGIN + 2 / len(_lab_data()[3])


def accuracy(params) -> float:
    """``batch_accuracy`` of the book's ``simple_net`` with ``params`` on the whole validation set
    (the grader's own measure)."""
    _, _, valid_x, valid_y = _lab_data()
    with torch.no_grad():
        params = [p.detach().float().cpu() for p in params]
        return linear.batch_accuracy(net.simple_net(valid_x, *params), valid_y).item()


@lru_cache(maxsize=1)
def reference_curve() -> tuple[float, ...]:
    """The fixed set-up as the reference writes it, trained here: the accuracy after each epoch."""
    threes, sevens, _, _ = _lab_data()
    seed_everything(SEED)
    x, y = stacking.make_xy(threes, sevens)
    params = net.init_simple_net(std=0.1)
    dl = TensorLoader(x, y, batch(), shuffle=True, generator=torch.Generator().manual_seed(SEED))
    curve = []
    for _ in range(EPOCHS):
        for xb, yb in dl:
            linear.mnist_loss(net.simple_net(xb, *params), yb).backward()
            with torch.no_grad():
                for p in params:
                    p -= p.grad * LR
                    p.grad.zero_()
        curve.append(accuracy(params))
    return tuple(curve)


def _training_cause(sub, start) -> str | None:
    """Which of the three fixes the run lacks, from the checks of each alone."""
    causes = [c for c in (_xy_cause(sub), _dl_cause(sub),
                          _init_problem_cause(start)) if c]
    return "; and ".join(causes) or None


def _init_problem_cause(start) -> str | None:
    """What :func:`_init_problem` finds wrong with the parameters a run started from, or None."""
    try:
        problem = _init_problem({"value": list(start), "leaf": [True], "requires_grad": [True]})
    except (RuntimeError, TypeError, ValueError):
        return None
    return None if problem is None else (problem[1] or problem[0])


@check(points=2, description="the fixed set-up (your make_xy, make_dl and init_net in the lab's "
       "training loop) trains simple_net like the reference", timeout=60)
def fixed_setup_trains(sub):
    for name in ("make_xy", "make_dl", "init_net"):
        sub.fn(name)
    threes, sevens, _, _ = _lab_data()
    images = kept(sub, "lab_images", lambda: [threes, sevens], alive="make_xy")
    what = (f"train(make_xy, make_dl, init_net, ...) for {EPOCHS} epochs at lr {LR} (the lab's "
            f"loop: simple_net, mnist_loss, batches of {batch()}; accuracies measured by the "
            "grader)")
    try:
        run = sub.probe("train_setup", images, EPOCHS, LR, SEED, batch())
    except (RuntimeError, TypeError, ValueError, AttributeError) as err:
        if not raised_by_student(err):
            raise
        where = where_in_student_code(err, sub.path)
        raise Wrong(f"{what} raised {getattr(err, 'student_type', type(err).__name__)}: {err}"
                    + (f"\n  at {where}" if where else ""), section=NONLINEAR,
                    hint="the other checks of this exercise test each function alone") from None
    if "problem" in run:
        raise Wrong(f"{what}: the training step could not update init_net()'s parameters.",
                    cause="they must be leaves that track gradients: init_params(..., 0.1)",
                    section=NONLINEAR)
    start = run["start"]
    yours = [accuracy(p) for p in run["epochs"]]
    reference = list(reference_curve())
    data = sample_data()
    short = None
    if yours[-1] < reference[-1] - margin():
        short = (f"{what}: validation accuracy {yours[-1]:.4f} after epoch {EPOCHS}, below the "
                 f"reference's {reference[-1]:.4f} (allowed: {margin():.3f} less; "
                 f"{context(data)}).")
    elif yours[0] < reference[0] - FIRST_MARGIN:
        short = (f"{what}: validation accuracy {yours[0]:.4f} after the first epoch, far below the "
                 f"reference's {reference[0]:.4f} (allowed: {FIRST_MARGIN} less; "
                 f"{context(data)}).")
    if short:
        wrong = Wrong(short, cause=_training_cause(sub, start), section=NONLINEAR,
                      hint="the other checks of this exercise test each fix alone")
        raise with_curve(wrong, yours, reference, saturated=_saturation_or_none(start))


def _saturation_or_none(start) -> float | None:
    try:
        return saturation(start)
    except (RuntimeError, TypeError, ValueError):
        return None
