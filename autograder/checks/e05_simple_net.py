"""Checks of exercise 5: ``init_simple_net``, ``simple_net``, ``make_simple_net``.

The student's code runs in the isolated worker; everything below is the grader's side.

``simple_net`` is compared with the reference on seeded parameters whose first layer gives
negative *and* positive pre-activations (so a missing or misplaced ReLU changes the output), for
1 and for 10 outputs. ``make_simple_net``'s structure is judged by what it computes, not by its
module types: its four parameters (read in the worker by the probe ``build``) are found by their
shapes (``nn.Linear``'s ``[out, in]`` layout or the book's ``[in, out]``, :func:`book_roles`), and
its output must equal the reference network's with those same parameters, so an
``nn.ReLU(inplace=True)`` or a custom ``nn.Module`` passes.

The two training checks run the reference training loops on MNIST_SAMPLE in the worker (probes
``train_scratch`` and ``fit_learner``) with the stage settings (lr 0.1, batch 256, seed 42;
``simple_net_scratch``: the reference ``init_simple_net(std=0.1)`` and ``train_model``;
``simple_net_learner``: the reference ``Learner`` with ``BasicOptim``), but for 3 epochs instead
of 40, to stay fast. The worker returns the trained parameters and the per-epoch history; the
grader measures the parameters itself in the book's network on its own validation data, checks
that the history agrees with that measure, and compares it with the reference network trained
here under identical settings (same data, seed, initial weights, batches), once per run: the
student's must reach the reference's minus ``0.005 + 2 / (validation images)`` (0.006 on the
complete MNIST_SAMPLE, 0.015 on the embedded 200-image held-out set), a margin that covers float
rounding differences only. The student's ``make_simple_net()`` starts from the reference's initial
weights (copied in by shape), so a module that creates its layers in another order is not
penalised for drawing other random numbers.

Tolerances: outputs within ``rtol=1e-4, atol=1e-4`` (float32 sums of 784 products);
``init_simple_net``'s statistics within 0.02 of the asked mean and standard deviation.
"""

from __future__ import annotations

from contextlib import contextmanager
from functools import lru_cache

import torch

from autograder.checks.common import (
    SEED,
    context,
    device,
    expect_history,
    gen,
    kept,
    raised_by_student,
    randn,
    sample_data,
    sample_loaders,
)
from autograder.core.exercise import Exercise
from autograder.core.feedback import Mistake, Wrong, describe, expect_tensor, where_in_student_code
from autograder.render.curves import with_curve
from mnist_ref import linear
from mnist_ref import simple_net as ref
from mnist_ref.learner import Learner
from mnist_ref.runtime import seed_everything

SECTION = "Adding a Nonlinearity"
EPOCHS, LR, BATCH = 3, 0.1, 256
ROLES = ("w1", "b1", "w2", "b2")

EXERCISE = Exercise(
    stem="e05_simple_net",
    title="Exercise 5: simple_net",
    section=SECTION,
    hints=[
        "The book's section \"Adding a Nonlinearity\": a linear layer, a ReLU, a second linear "
        "layer. Write down each tensor's shape: [N, 784] -> [N, H] -> [N, O].",
        "simple_net: res = xb @ w1 + b1; then the ReLU, elementwise (every negative number "
        "becomes 0, nothing is reduced); then res @ w2 + b2. init_simple_net draws the four "
        "tensors with init_params: w1 [n_in, n_hidden], b1 [n_hidden], w2 [n_hidden, n_out], "
        "b2 [n_out].",
        "The ReLU: res.max(torch.tensor(0.0)) (the book), res.clamp(min=0) or F.relu(res). "
        "make_simple_net: nn.Sequential(nn.Linear(n_in, n_hidden), nn.ReLU(), "
        "nn.Linear(n_hidden, n_out)).",
    ],
)
check = EXERCISE.check
RTOL = ATOL = 1e-4


def _relu(t: torch.Tensor) -> torch.Tensor:
    return t.clamp(min=0)


def _mistakes(xb, w1, b1, w2, b2) -> list[Mistake]:
    """The outputs that the book's known mistakes give on these inputs."""
    pre = xb @ w1 + b1
    out = _relu(pre) @ w2 + b2
    return [
        Mistake("the ReLU is missing: without it the two layers collapse into one linear layer",
                pre @ w2 + b2),
        Mistake("the ReLU is applied after the second layer: it goes between the two layers "
                "(on xb @ w1 + b1)", _relu(pre @ w2 + b2)),
        Mistake("a sigmoid instead of the ReLU: this network uses ReLU, max(0, x), elementwise",
                pre.sigmoid() @ w2 + b2),
        Mistake("the bias b1 is missing in the first layer", _relu(xb @ w1) @ w2 + b2),
        Mistake("the bias b2 is missing in the second layer", _relu(pre) @ w2),
        Mistake("the ReLU is applied twice, also after the second layer", _relu(out)),
        Mistake("the network ends in a sigmoid: it must return the raw scores (logits); "
                "mnist_loss and batch_accuracy apply the sigmoid themselves", out.sigmoid()),
    ]


def _shape_cause(error: str) -> str:
    """The likely mistake behind an error raised by a student's ``simple_net``."""
    if "return_types.max" in error:
        return ("res.max(dim=1) is a reduction: it returns (values, indices) of the largest hidden "
                "unit per image. The ReLU is elementwise: res.max(torch.tensor(0.0)) or "
                "res.clamp(min=0)")
    if "0D" in error:
        return ("torch.max(res) is the single largest number of the whole tensor. The ReLU is "
                "elementwise: res.max(torch.tensor(0.0)) or res.clamp(min=0)")
    return ("a shape mismatch: is the matrix product xb @ w1 (not w1 @ xb)? Does the ReLU keep "
            "the shape [N, H] (res.max(1).values reduces it to [N])?")


@contextmanager
def _shape_errors(sub, what: str):
    """A ``RuntimeError`` or ``TypeError`` that the student's ``simple_net`` raises in the block
    becomes a :class:`Wrong` that says which shapes should flow (the stub's ``NotImplementedError``
    stays *not attempted*)."""
    try:
        yield
    except (RuntimeError, TypeError) as err:
        if not raised_by_student(err):  # the stub's NotImplementedError (a RuntimeError too)
            raise
        where = where_in_student_code(err, sub.path)
        name = getattr(err, "student_type", type(err).__name__)
        raise Wrong(f"{what} raised {name}: {err}" + (f"\n  at {where}" if where else ""),
                    cause=_shape_cause(str(err)), section=SECTION,
                    hint="the shapes go [N, 784] @ [784, H] + [H] -> [N, H] -> ReLU, still [N, H] "
                         "-> @ [H, O] + [O] -> [N, O]") from None


def _net_params(n_in: int, n_hidden: int, n_out: int, seed: int):
    """Seeded ``w1, b1, w2, b2`` on the check device (scaled like a trained net's)."""
    return (randn(n_in, n_hidden, seed=seed, scale=0.1), randn(n_hidden, seed=seed + 1),
            randn(n_hidden, n_out, seed=seed + 2), randn(n_out, seed=seed + 3))


@check(points=2, description="simple_net computes relu(xb @ w1 + b1) @ w2 + b2, with 1 or 10 "
       "outputs")
def simple_net_values(sub):
    simple_net = sub.fn("simple_net")
    xb = torch.rand(6, 28 * 28, generator=gen(90)).to(device())  # pixels in [0, 1)
    for n_out in (1, 10):
        params = _net_params(28 * 28, 7, n_out, seed=91)
        # pre-activations of both signs, so that the ReLU matters (tested when writing the check)
        expected = ref.simple_net(xb, *params)
        what = f"simple_net(xb [6, 784], w1 [784, 7], b1 [7], w2 [7, {n_out}], b2 [{n_out}])"
        with _shape_errors(sub, what):
            got = simple_net(xb, *params)
        expect_tensor(got, expected, rtol=RTOL, atol=ATOL, section=SECTION,
                      what=what,
                      mistakes=_mistakes(xb, *params),
                      hint="the ReLU keeps the shape [N, H] and works on every element: "
                           "res.max(torch.tensor(0.0)) or res.clamp(min=0), not res.max(dim=1)")


@check(points=1, description="init_simple_net returns (w1, b1, w2, b2) of the right shapes, normal "
       "with the asked std, tracking gradients")
def init_simple_net_shapes(sub):
    init_simple_net = sub.fn("init_simple_net")
    for args, (n_in, n_hidden, n_out) in (((), (784, 30, 1)), ((20, 7, 10), (20, 7, 10))):
        call = f"init_simple_net({', '.join(map(str, args))})"
        answer = sub.probe("call_with_leaves", "init_simple_net", list(args))
        got, leaves = answer["value"], answer["leaf"]
        if not isinstance(got, (tuple, list)) or len(got) != 4:
            raise Wrong(f"{call} should return the four tensors (w1, b1, w2, b2).",
                        got=describe(got), section=SECTION)
        shapes = ((n_in, n_hidden), (n_hidden,), (n_hidden, n_out), (n_out,))
        causes = {"w1": "w1 multiplies xb [N, n_in] from the right: it is [n_in, n_hidden]",
                  "b1": "one bias per hidden unit: b1 is [n_hidden] (a [1] bias broadcasts "
                        "silently, but gives every hidden unit the same bias)",
                  "w2": "w2 maps the hidden units to the outputs: [n_hidden, n_out]",
                  "b2": "one bias per output: b2 is [n_out]"}
        for i, (name, tensor, shape) in enumerate(zip(ROLES, got, shapes, strict=True)):
            if not isinstance(tensor, torch.Tensor) or tuple(tensor.shape) != shape:
                raise Wrong(f"{call} returned a {name} of the wrong shape.",
                            expected=f"a tensor of shape {list(shape)}", got=describe(tensor),
                            cause=causes[name], section=SECTION)
            expect_tensor(tensor, torch.zeros(shape), what=f"{name} from {call}",
                          check_values=False, check_device=False, section=SECTION)
            if not tensor.requires_grad or not leaves[i]:
                raise Wrong(f"{name} from {call} does not track gradients (or is not a leaf).",
                            cause="draw each one with init_params, which ends with "
                            ".requires_grad_() after scaling by std", section=SECTION)
    w1 = init_simple_net(784, 200, 10, 0.5)[0].detach()
    mean, std = w1.mean().item(), w1.std().item()
    if abs(mean) > 0.02 or abs(std - 0.5) > 0.02:
        cause = None
        if abs(std - 1.0) < 0.05:
            cause = "std is ignored: pass it on to init_params"
        elif 0.2 < mean < 0.3:
            cause = "torch.rand draws uniformly from [0, 1); use init_params (torch.randn)"
        raise Wrong(f"init_simple_net(784, 200, 10, std=0.5) drew w1 with mean {mean:.3f} and "
                    f"std {std:.3f}; expected mean 0 and std 0.5 (within 0.02).", cause=cause,
                    section=SECTION)


# --- a model's parameters in the book's roles ---------------------------------------------------


def book_roles(shapes, n_in: int, n_hidden: int, n_out: int) -> list[tuple[str, bool]] | None:
    """For each parameter shape (in ``parameters()`` order), its role in the book's network
    (``w1``, ``b1``, ``w2``, ``b2``) and whether it is stored transposed (``nn.Linear``'s
    ``[out, in]``); None unless each role is found exactly once.

    ``n_in``, ``n_hidden`` and ``n_out`` must differ, so that every shape names one role.
    """
    table = {(n_in, n_hidden): ("w1", False), (n_hidden, n_in): ("w1", True),
             (n_hidden,): ("b1", False),
             (n_hidden, n_out): ("w2", False), (n_out, n_hidden): ("w2", True),
             (n_out,): ("b2", False)}
    roles = [table.get(tuple(s)) for s in shapes]
    if len(roles) != 4 or None in roles or len({role for role, _ in roles}) != 4:
        return None
    return roles


def as_book(values, roles) -> tuple[torch.Tensor, ...]:
    """``(w1, b1, w2, b2)`` in the book's ``[in, out]`` layout from a model's ``values`` (in
    ``parameters()`` order, with their :func:`book_roles`)."""
    found = {role: (v.detach().t() if transposed else v.detach())
             for v, (role, transposed) in zip(values, roles, strict=True)}
    return tuple(found[r].contiguous() for r in ROLES)


def from_book(book, roles) -> list[torch.Tensor]:
    """The book-layout ``(w1, b1, w2, b2)`` as a model's parameters (``parameters()`` order)."""
    by_role = dict(zip(ROLES, book, strict=True))
    return [(by_role[role].t() if transposed else by_role[role]).contiguous().clone()
            for role, transposed in roles]


def trained_values(result, like: list[torch.Tensor], what: str) -> list[torch.Tensor]:
    """The ``"parameters"`` a training probe returned, checked to be tensors shaped like
    ``like`` (a worker that returns something else gets no points)."""
    values = result.get("parameters") if isinstance(result, dict) else None
    if (not isinstance(values, list) or len(values) != len(like)
            or not all(isinstance(v, torch.Tensor) and v.shape == t.shape
                       for v, t in zip(values, like, strict=True))):
        raise Wrong(f"{what}: the trained parameters could not be read back from your code "
                    f"({describe(values)}).", section=SECTION)
    return [v.detach().to(device()).float() for v in values]


@check(points=1, description="make_simple_net builds Linear -> ReLU -> Linear: it computes what "
       "the reference network computes with the same weights")
def make_simple_net_structure(sub):
    sub.fn("make_simple_net")
    n_in, n_hidden, n_out = 20, 7, 3
    built = sub.probe("build", "make_simple_net", [n_in, n_hidden, n_out], SEED, device())
    anatomy, model = built["anatomy"], built["model"]
    call = f"make_simple_net({n_in}, {n_hidden}, {n_out})"
    if not anatomy.get("is_module"):
        raise Wrong(f"{call} should return an nn.Module (an nn.Sequential, as in the book).",
                    got=f"{anatomy.get('type')}", section=SECTION)
    values = anatomy["parameters"]
    roles = book_roles([v.shape for v in values], n_in, n_hidden, n_out)
    if roles is None:
        shapes = ", ".join(str(list(v.shape)) for v in values) or "none"
        raise Wrong(f"{call}'s parameters are not those of two linear layers {n_in} -> "
                    f"{n_hidden} -> {n_out}.",
                    expected=f"4 tensors: [{n_hidden}, {n_in}], [{n_hidden}], [{n_out}, "
                             f"{n_hidden}], [{n_out}] (nn.Linear stores weights as [out, in])",
                    got=shapes, section=SECTION,
                    hint="nn.Linear(n_in, n_hidden), then nn.Linear(n_hidden, n_out)")
    params = as_book([v.to(device()) for v in values], roles)
    xb = randn(6, n_in, seed=95)
    expected = ref.simple_net(xb, *params)
    got = model(xb)
    expect_tensor(got.detach() if isinstance(got, torch.Tensor) else got, expected, rtol=RTOL,
                  atol=ATOL, section=SECTION,
                  what=f"the model from {call}, called on xb [6, {n_in}],",
                  mistakes=_mistakes(xb, *params),
                  hint="it should compute relu(xb @ W1.T + b1) @ W2.T + b2 with its own two "
                       "layers' weights: nn.Sequential(nn.Linear(n_in, n_hidden), nn.ReLU(), "
                       "nn.Linear(n_hidden, n_out))")
    default = sub.probe("build", "make_simple_net", [], SEED, device())["anatomy"]
    n_params = sum(v.numel() for v in default.get("parameters", []))
    if n_params != 784 * 30 + 30 + 30 * 1 + 1:
        raise Wrong("make_simple_net() with its defaults should be the book's 784-30-1 network "
                    f"(23581 parameters); it has {n_params}.", section=SECTION,
                    hint="keep the defaults n_in=28*28, n_hidden=30, n_out=1")


# --- training on real data ---------------------------------------------------------------------


def _tolerance(data) -> float:
    return 0.005 + 2 / len(data.valid_y)


def _sample_in_worker(sub, alive: str):
    """MNIST_SAMPLE's ``[train_x, train_y, valid_x, valid_y]``, sent once to ``sub``'s worker."""
    data = sample_data()
    return kept(sub, "mnist_sample", lambda: [data.train_x, data.train_y, data.valid_x,
                                              data.valid_y], alive)


@lru_cache(maxsize=1)
def _scratch_start() -> tuple[torch.Tensor, ...]:
    """Stage ``simple_net_scratch``'s initial ``(w1, b1, w2, b2)``: seed 42, std 0.1."""
    seed_everything(SEED)
    return tuple(t.detach().to(device()) for t in ref.init_simple_net(std=0.1))


def _scratch_accuracy(params) -> float:
    """The book's network with ``params`` measured as ``train_model`` does (``validate_epoch``)."""
    valid = sample_loaders(BATCH).valid
    return linear.validate_epoch(lambda xb: ref.simple_net(xb, *params), valid)


@lru_cache(maxsize=1)
def _reference_scratch() -> float:
    """Stage ``simple_net_scratch`` for ``EPOCHS`` epochs, here: the final validation accuracy."""
    params = [t.clone().requires_grad_() for t in _scratch_start()]
    dls = sample_loaders(BATCH)
    _CURVES["scratch"] = linear.train_model(lambda xb: ref.simple_net(xb, *params), EPOCHS, LR,
                                            params, dls.train, dls.valid)
    return _scratch_accuracy([p.detach() for p in params])


#: The reference runs' accuracy after each epoch, shown beside a failing run's (render.curves).
_CURVES: dict[str, list[float]] = {}


def _reference_model():
    seed_everything(SEED)
    return ref.make_simple_net().to(device())


@lru_cache(maxsize=1)
def _learner_start() -> tuple[torch.Tensor, ...]:
    """Stage ``simple_net_learner``'s initial weights in the book's layout."""
    model = _reference_model()
    values = [p.detach() for p in model.parameters()]
    return as_book(values, book_roles([v.shape for v in values], 28 * 28, 30, 1))


def _learner_accuracy(params) -> float:
    """The book's network with ``params`` measured as the ``Learner`` does: the fraction right over
    the whole validation set."""
    data = sample_data()
    with torch.no_grad():
        return linear.batch_accuracy(ref.simple_net(data.valid_x, *params), data.valid_y).item()


@lru_cache(maxsize=1)
def _reference_learner() -> float:
    model = _reference_model()
    _CURVES["learner"] = Learner(sample_loaders(BATCH), model).fit(EPOCHS, LR)
    values = [p.detach() for p in model.parameters()]
    return _learner_accuracy(as_book(values, book_roles([v.shape for v in values], 28 * 28, 30, 1)))


def named(got, mistakes: list[Mistake]) -> str | None:
    """The cause of the first of ``mistakes`` whose value ``got`` equals (within the outputs'
    tolerances), or None."""
    for m in mistakes:
        try:
            if got.shape == m.value.shape and torch.allclose(got.detach().double(), m.value.double(),
                                                             rtol=RTOL, atol=ATOL, equal_nan=True):
                return m.cause
        except (AttributeError, RuntimeError, TypeError):
            return None
    return None


def _differs(got, expected: torch.Tensor, mistakes: list[Mistake], what: str) -> str | None:
    """None when ``got`` equals ``expected``; else the named mistake, or what differs."""
    if (isinstance(got, torch.Tensor) and got.shape == expected.shape
            and torch.allclose(got.detach().double(), expected.double(), rtol=RTOL, atol=ATOL)):
        return None
    return named(got, mistakes) or what


def _simple_net_cause(sub) -> str | None:
    """Why the student's ``simple_net`` trains differently: its output on the inputs of
    ``simple_net_values`` compared with the book's (None when they agree)."""
    xb = torch.rand(6, 28 * 28, generator=gen(90)).to(device())
    params = _net_params(28 * 28, 7, 1, seed=91)
    return _differs(sub.fn("simple_net")(xb, *params), ref.simple_net(xb, *params),
                    _mistakes(xb, *params), "your simple_net does not compute relu(xb @ w1 + b1) "
                    "@ w2 + b2 (simple_net_values says more)")


def _model_cause(model, params) -> str | None:
    """Why the student's model trains differently: its output compared with the book's network
    with its own (book-layout) ``params`` (None when they agree)."""
    xb = randn(6, 28 * 28, seed=96)
    got = model(xb)
    return _differs(got.detach() if isinstance(got, torch.Tensor) else got,
                    ref.simple_net(xb, *params), _mistakes(xb, *params),
                    "your model does not compute Linear -> ReLU -> Linear with its own weights "
                    "(make_simple_net_structure says more)")


def _judge(history: list[float], measured: float, reference: float, what: str, cause,
           hint: str, curve: str = "") -> None:
    """The grader's verdict on a training run: the trained parameters, measured here, reach the
    reference; and the history the run reported agrees with that measure. ``cause()`` names why
    not (it calls the student's code again, so only on failure)."""
    data = sample_data()
    margin = _tolerance(data)
    if not measured >= reference - margin:  # with the curves of the run and of _CURVES[curve]
        raise with_curve(Wrong(
            f"{what}: validation accuracy {measured:.4f} after {EPOCHS} epochs (measured by the "
            f"grader), below the reference network's {reference:.4f} under the same settings "
            f"(allowed: {margin:.3f} less; {context(data)}).", cause=cause(), section=SECTION,
            hint=hint), history, _CURVES.get(curve))
    if abs(history[-1] - measured) > margin:
        raise Wrong(f"{what}: the validation accuracy measured during training was "
                    f"{history[-1]:.4f} after the last epoch, but the trained weights give "
                    f"{measured:.4f} in the book's network ({context(data)}).",
                    cause=cause() or "the network computes something other than the book's",
                    section=SECTION, hint=hint)


@check(points=2, description="your simple_net, with the reference's parameters and train_model, "
       "learns 3s and 7s like the reference", timeout=60)
def simple_net_scratch_trains(sub):
    what = ("your simple_net with the reference init_simple_net(std=0.1), trained by the "
            f"reference train_model (lr {LR}, batch {BATCH})")
    start = list(_scratch_start())
    data = _sample_in_worker(sub, "simple_net")
    with _shape_errors(sub, what):
        result = sub.probe("train_scratch", start, data, EPOCHS, LR, BATCH, SEED)
    history = expect_history(result.get("history") if isinstance(result, dict) else result,
                             EPOCHS, what, SECTION)
    trained = trained_values(result, start, what)
    _judge(history, _scratch_accuracy(trained), _reference_scratch(), what,
           lambda: _simple_net_cause(sub),
           hint="simple_net_values says more: compare your function with the formula",
           curve="scratch")


@check(points=2, description="your make_simple_net(), trained by the reference Learner, learns 3s "
       "and 7s like the reference", timeout=60)
def make_simple_net_learner_trains(sub):
    sub.fn("make_simple_net")
    built = sub.probe("build", "make_simple_net", [], SEED, device())
    anatomy = built["anatomy"]
    if not anatomy.get("is_module"):
        raise Wrong("make_simple_net() should return an nn.Module (an nn.Sequential, as in the "
                    "book): the Learner calls its parameters(), train() and eval().",
                    got=f"{anatomy.get('type')}", section=SECTION)
    roles = book_roles([v.shape for v in anatomy["parameters"]], 28 * 28, 30, 1)
    if roles is None:
        shapes = ", ".join(str(list(v.shape)) for v in anatomy["parameters"]) or "none"
        raise Wrong("make_simple_net()'s parameters are not those of two linear layers 784 -> 30 "
                    "-> 1, so it cannot start from the reference's weights.", got=shapes,
                    section=SECTION, hint="make_simple_net_structure says more: nn.Linear(n_in, "
                    "n_hidden), nn.ReLU(), nn.Linear(n_hidden, n_out)")
    what = ("your make_simple_net(), trained by the reference Learner with BasicOptim "
            f"(lr {LR}, batch {BATCH}, mnist_loss, starting from the reference's initial weights)")
    start = from_book(_learner_start(), roles)
    result = sub.probe("fit_learner", built["model"], start, _sample_in_worker(sub,
                       "make_simple_net"), EPOCHS, LR, BATCH, SEED)
    history = expect_history(result.get("history") if isinstance(result, dict) else result,
                             EPOCHS, what, SECTION)
    values = trained_values(result, start, what)
    trained = as_book(values, roles)

    def cause():  # the run trained a copy in the probe's own process: load what it reached
        sub.probe("load_parameters", built["model"], list(values))
        return _model_cause(built["model"], trained)

    _judge(history, _learner_accuracy(trained), _reference_learner(), what, cause,
           hint="make_simple_net_structure says more: Linear, ReLU, Linear", curve="learner")
