"""What the checks share: the device, seeded inputs and models, the real data, training runs,
the student's namespace, and rules.

Training checks run the student's function inside the reference pipeline (or the reference's
function around the student's), on the real data the reference finds, and compare the accuracy
with the threshold recorded in :mod:`mnist_ref.thresholds` for that data. Their messages state
the seed, the device and the data, so a result can be reproduced.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from numbers import Real

import torch
from torch import nn

from autograder.core.errors import GraderError
from autograder.core.feedback import Wrong, describe
from autograder.sandbox.client import StudentExit
from mnist_ref import linear as ref
from mnist_ref.loaders import make_loaders
from mnist_ref.runtime import default_device, seed_everything
from mnist_ref.stages import ten_digits, threes_sevens
from mnist_ref.thresholds import data_variant, threshold_for

SEED = 42


@lru_cache(maxsize=1)
def device() -> torch.device:
    """Where the checks run: CUDA when present, else the CPU (``$MNIST_REF_DEVICE`` overrides)."""
    return default_device()


def gen(seed: int = 0) -> torch.Generator:
    """A CPU random generator with a fixed seed, for inputs that never change between runs."""
    return torch.Generator().manual_seed(seed)


def randn(*shape: int, seed: int = 0, scale: float = 1.0) -> torch.Tensor:
    """Seeded normal noise of ``shape`` on the check device."""
    return (torch.randn(*shape, generator=gen(seed)) * scale).to(device())


@dataclass(frozen=True)
class TrainingData:
    """Tensors on the check device, plus the name of the data they came from."""

    train_x: torch.Tensor
    train_y: torch.Tensor
    valid_x: torch.Tensor
    valid_y: torch.Tensor
    variant: str
    path: object


def _load(name: str):
    from mnist_ref.data import load_dataset

    return load_dataset(name, progress=False, announce=lambda line: None)


@lru_cache(maxsize=1)
def sample_data() -> TrainingData:
    """MNIST_SAMPLE as the book arranges it: x ``[N, 784]``, y float32 ``[N, 1]`` (3 is 1)."""
    ds = _load("mnist_sample")
    return TrainingData(*threes_sevens(ds, device()), data_variant(ds), ds.path)


@lru_cache(maxsize=1)
def ten_digit_data() -> TrainingData:
    """All ten digits: x ``[N, 784]``, y int64 ``[N]``."""
    ds = _load("mnist")
    return TrainingData(*ten_digits(ds, device()), data_variant(ds), ds.path)


def context(data: TrainingData, seed: int = SEED) -> str:
    """``seed 42, device cpu, data mnist_sample:complete``: what reproduces a training check."""
    return f"seed {seed}, device {device()}, data {data.variant}"


def require_accuracy(
    accuracy: float,
    stage: str,
    data: TrainingData,
    what: str,
    section: str,
    hint: str,
    cause: str | None = None,
) -> None:
    """Fail unless ``accuracy`` reaches the threshold recorded for ``stage`` on this data."""
    threshold = threshold_for(stage, data.variant)
    if threshold is None:
        raise GraderError(
            f"no threshold is recorded for {stage} on the data {data.variant}: a "
            "problem of the grader's configuration, not of your code; please report it"
        )
    if accuracy < threshold:
        raise Wrong(
            f"{what}: validation accuracy {accuracy:.4f}, below the {threshold:.4f} that the "
            f"reference reaches or beats ({context(data)}).",
            cause=cause,
            section=section,
            hint=hint,
        )


def forbid(func, names: set[str], what: str, why: str, section: str) -> None:
    """Fail when ``func``'s code uses any of ``names`` (as a function, method or attribute).

    Used where the exercise is to write something yourself, e.g. cross-entropy without
    ``F.cross_entropy``. Reads the compiled code, so it works for files and notebooks alike.
    """
    used = set()
    stack = [func.__code__]
    while stack:  # nested functions and comprehensions have their own code objects
        code = stack.pop()
        used |= set(code.co_names)
        stack.extend(c for c in code.co_consts if hasattr(c, "co_names"))
    found = sorted(used & names)
    if found:
        raise Wrong(
            f"{what} uses {', '.join(found)}: {why}",
            section=section,
            hint="write it with basic tensor operations, as the book does",
        )


def sample_loaders(batch: int = 256, seed: int = SEED):
    """Loaders over :func:`sample_data` (MNIST_SAMPLE) with ``batch`` items per batch, shuffled by
    ``seed``: ``.train`` and ``.valid``."""
    data = sample_data()
    return make_loaders(data.train_x, data.train_y, data.valid_x, data.valid_y, batch, seed)


@dataclass
class LinearRun:
    """The book's linear model on MNIST_SAMPLE, ready to train: ``model(xb)`` over ``params``."""

    data: TrainingData
    params: tuple[torch.Tensor, torch.Tensor]
    dls: object
    model: Callable[[torch.Tensor], torch.Tensor]


def book_linear(init=ref.init_params, model_fn=ref.linear1, seed: int = SEED) -> LinearRun:
    """Stage ``linear_sgd``'s set-up: weights ``[784, 1]`` and bias ``[1]`` drawn by ``init`` after
    seeding with ``seed``, on the check device, and batches of 256; ``model_fn`` is the model."""
    data = sample_data()
    seed_everything(seed)
    weights = init((28 * 28, 1)).detach().to(device()).requires_grad_()
    bias = init(1).detach().to(device()).requires_grad_()
    dls = sample_loaders(256, seed)

    def model(xb):
        return model_fn(xb, weights, bias)

    return LinearRun(data, (weights, bias), dls, model)


def train_linear(
    loss_func=ref.mnist_loss,
    train_epoch=ref.train_epoch,
    validate_epoch=ref.validate_epoch,
    model_fn=ref.linear1,
    init=ref.init_params,
    metric=ref.batch_accuracy,
    epochs: int = 20,
    lr: float = 1.0,
    seed: int = SEED,
) -> tuple[float, TrainingData]:
    """The book's linear model on MNIST_SAMPLE with any piece swapped for the student's.

    Returns the final validation accuracy (measured with the reference ``batch_accuracy`` unless
    ``metric`` is given) and the data it ran on.
    """
    run = book_linear(init, model_fn, seed)
    for _ in range(epochs):
        train_epoch(run.model, lr, run.params, run.dls.train, loss_func)
    return validate_epoch(run.model, run.dls.valid, metric), run.data


class RecordingLoader:
    """Wraps a loader: counts the passes made over it and remembers the last batch it yielded."""

    def __init__(self, loader):
        self.loader, self.last, self.passes = loader, None, 0

    def __iter__(self):
        self.passes += 1
        for batch in self.loader:
            self.last = batch
            yield batch

    def __len__(self):
        return len(self.loader)


def expect_history(result, epochs: int, what: str, section: str,
                   each: str = "the validation accuracy after that epoch") -> list[float]:
    """``result`` as a list of ``epochs`` floats, one per epoch, or a :class:`Wrong` saying why not.

    Accepts a list, tuple or 1-D tensor whose entries are numbers or one-element tensors.
    """
    if (isinstance(result, Real) and not isinstance(result, bool)) or (
        isinstance(result, torch.Tensor) and result.dim() == 0
    ):
        raise Wrong(f"{what} returned a single number; it must return a list with one number per "
                    f"epoch ({each}).", expected=f"a list of {epochs} numbers", got=describe(result),
                    cause="only the last epoch's value is returned: append each epoch's value to "
                    "a list and return the list after the loop", section=section)
    if not isinstance(result, (list, tuple, torch.Tensor)):
        raise Wrong(f"{what} must return a list of {epochs} numbers ({each}).", got=describe(result),
                    cause="nothing was returned: is a `return` missing?" if result is None else None,
                    section=section)
    values = []
    for v in result:
        if isinstance(v, torch.Tensor) and v.numel() == 1:
            v = v.item()
        if not isinstance(v, Real) or isinstance(v, bool):
            raise Wrong(f"{what} returned a list holding {describe(v)}; each entry should be a "
                        f"number ({each}).", section=section)
        values.append(float(v))
    if len(values) != epochs:
        raise Wrong(f"{what} returned {len(values)} values; it must return one per epoch.",
                    expected=f"{epochs} values", got=describe(result), section=section)
    return values


# --- the student's namespace -------------------------------------------------------------------

_MISSING = object()


@contextmanager
def substituted(sub, **functions):
    """Put ``functions`` (the reference's, usually) in the student's namespace for the block, then
    restore what was there.

    So that a check of ``is_3`` runs the reference ``mnist_distance``, or a check of
    ``train_epoch`` the reference ``calc_grad``: the student's function looks its helpers up in
    that namespace when it runs, and one mistake costs the points of one function only.
    """
    saved = {name: sub.namespace.get(name, _MISSING) for name in functions}
    sub.namespace.update(functions)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is _MISSING:
                sub.namespace.pop(name, None)
            else:
                sub.namespace[name] = value


# --- small seeded models, and their gradients --------------------------------------------------


def seeded_linear(n_in: int, n_out: int, seed: int, scale: float = 0.05) -> nn.Module:
    """``nn.Linear(n_in, n_out)`` with seeded normal weights times ``scale`` and a zero bias, on
    the check device (the same numbers on every machine, whatever torch's global seed)."""
    net = nn.Linear(n_in, n_out)
    with torch.no_grad():
        net.weight.copy_(torch.randn(n_out, n_in, generator=gen(seed)) * scale)
        net.bias.zero_()
    return net.to(device())


def nonzero_grads(params) -> list[torch.Tensor]:
    """The ``.grad`` of each parameter that holds a value other than zero."""
    return [p.grad for p in params if p.grad is not None and bool((p.grad != 0).any())]


def loss_gradient(loss_func, preds: torch.Tensor, targets: torch.Tensor, *, what: str, cause: str,
                  section: str, one_number_hint: str | None = None) -> torch.Tensor:
    """The gradient of ``loss_func(preds, targets)`` with respect to ``preds``, or a
    :class:`Wrong` when the loss cannot be differentiated (``cause`` says why it usually is not);
    with ``one_number_hint``, also when the loss is not one number."""
    leaf = preds.detach().clone().requires_grad_()
    loss = loss_func(leaf, targets)
    if not isinstance(loss, torch.Tensor) or not loss.requires_grad:
        raise Wrong(f"{what} returned something PyTorch cannot differentiate.", got=describe(loss),
                    cause=cause, section=section)
    if one_number_hint is not None and loss.numel() != 1:
        raise Wrong(f"{what} should return one number (a 0-dimensional tensor).",
                    got=describe(loss), section=section, hint=one_number_hint)
    loss.backward()
    return leaf.grad


# --- data sent once to the student's worker ----------------------------------------------------

_KEPT: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def kept(sub, key: str, make: Callable[[], object], alive: str):
    """``make()`` sent once to ``sub``'s worker (``sub.keep``) and reused by later checks: the
    :class:`~autograder.sandbox.client.Remote` that stands for it there, sent again after the
    worker restarted (``sub.generation``). ``alive`` is a name of the student's file: asking for
    it (``sub.has``) restarts a worker that ended before the generation is compared.
    """
    sub.has(alive)
    store = _KEPT.setdefault(sub, {})
    hit = store.get(key)
    if hit is not None and hit[0] == sub.generation:
        return hit[1]
    value = sub.keep(make())
    store[key] = (sub.generation, value)
    return value


# --- training checks: the student's run compared with the reference's, from the same start -----


def sample_data_in(sub):
    """:func:`sample_data` in ``sub``'s worker (sent once per worker), as a probe argument: the
    probe receives ``(train_x [N, 784], train_y [N, 1], valid_x [M, 784], valid_y [M, 1])``."""
    data = sample_data()
    return kept(sub, "mnist_sample", lambda: (data.train_x, data.train_y, data.valid_x,
                                             data.valid_y), alive="")


@dataclass(frozen=True)
class LinearReference:
    """Stage ``linear_sgd`` run by the reference here: its start, its per-epoch accuracies."""

    start: tuple[torch.Tensor, torch.Tensor]  # weights [784, 1], bias [1], before training
    history: tuple[float, ...]  # the reference validate_epoch after each epoch
    data: TrainingData

    @property
    def accuracy(self) -> float:
        return self.history[-1]


_BACKGROUND = ThreadPoolExecutor(max_workers=1, thread_name_prefix="reference-run")


@lru_cache(maxsize=4)
def linear_start(seed: int = SEED) -> tuple[torch.Tensor, torch.Tensor]:
    """The weights ``[784, 1]`` and bias ``[1]`` that :func:`book_linear` draws with ``seed``:
    where a training probe and :func:`linear_reference` both start."""
    return tuple(p.detach().clone() for p in book_linear(seed=seed).params)


def _train_reference(start, epochs: int, lr: float, seed: int) -> LinearReference:
    data = sample_data()
    weights, bias = (p.clone().requires_grad_() for p in start)
    dls = sample_loaders(256, seed)

    def model(xb):
        return ref.linear1(xb, weights, bias)

    history = []
    for _ in range(epochs):
        ref.train_epoch(model, lr, (weights, bias), dls.train)
        history.append(ref.validate_epoch(model, dls.valid))
    return LinearReference(start, tuple(history), data)


@lru_cache(maxsize=4)
def linear_reference(epochs: int = 20, lr: float = 1.0, seed: int = SEED) -> Future:
    """The book's linear model trained by the reference from :func:`linear_start` (batches of 256
    shuffled by ``seed``), once per grading process, as a future: it trains in a background
    thread while the student's run trains in the worker (``.result()`` is the
    :class:`LinearReference`), so comparing with the reference costs no extra wall time."""
    start = linear_start(seed)  # here, not in the thread: it seeds torch's global generator
    return _BACKGROUND.submit(_train_reference, start, epochs, lr, seed)


def linear_accuracy(params, data: TrainingData, what: str, section: str) -> float:
    """The reference ``validate_epoch`` of the book's linear model with ``params`` (weights
    ``[784, 1]`` and bias ``[1]`` that a training probe returned) on the grader's own validation
    data: the number a training check decides on, never one the worker reports."""
    shapes = [(28 * 28, 1), (1,)]
    if (not isinstance(params, (list, tuple)) or len(params) != 2
            or not all(isinstance(p, torch.Tensor) and p.is_floating_point()
                       and tuple(p.shape) == s for p, s in zip(params, shapes, strict=False))):
        raise Wrong(f"{what}: the training run did not return the weights [784, 1] and bias [1] "
                    "it trained.", got=describe(params), cause="something in your file changed "
                    "the grader's training run (a patched function or a global setting)",
                    section=section)
    weights, bias = (p.detach().to(device(), torch.float32) for p in params)
    valid = make_loaders(data.train_x, data.train_y, data.valid_x, data.valid_y, 256, SEED).valid
    return ref.validate_epoch(lambda xb: ref.linear1(xb, weights, bias), valid)


def reference_margin(data: TrainingData) -> float:
    """How much less than the reference trained the same way a training check accepts: float
    rounding only (0.005, plus two images of the validation set): 0.006 on the complete
    MNIST_SAMPLE, 0.015 on the 200 embedded held-out images."""
    return 0.005 + 2 / len(data.valid_y)


def require_like_reference(accuracy: float, reference: float, stage: str, data: TrainingData,
                           what: str, section: str, hint: str | None = None,
                           cause: str | None = None) -> None:
    """Fail unless ``accuracy`` reaches ``reference`` (the reference trained the same way, from
    the same start, on the same data) less :func:`reference_margin`, and the threshold recorded
    for ``stage`` on this data, a floor, where one is recorded (none is needed)."""
    margin = reference_margin(data)
    if accuracy < reference - margin:
        raise Wrong(
            f"{what}: validation accuracy {accuracy:.4f}, below the {reference:.4f} that the "
            f"reference reaches trained the same way from the same start (allowed: {margin:.3f} "
            f"less; {context(data)}).", cause=cause, section=section, hint=hint)
    floor = threshold_for(stage, data.variant)
    if floor is not None and accuracy < floor:
        raise Wrong(
            f"{what}: validation accuracy {accuracy:.4f}, below the {floor:.4f} recorded for "
            f"{stage} on this data, which the reference reaches or beats ({context(data)}).",
            cause=cause, section=section, hint=hint)


# --- errors that came back from the student's worker -------------------------------------------


def raised_by_student(err: BaseException) -> bool:
    """True when ``err`` is an ordinary exception the student's code raised in the worker (one a
    check may put in its own words), not a stub's ``NotImplementedError``, a forbidden call, a
    ``sys.exit``, or an ending of the worker: those the runner scores, so checks re-raise them."""
    return (hasattr(err, "student_frames") and not isinstance(err, (StudentExit,
                                                                     NotImplementedError))
            and getattr(err, "student_type", "") not in ("ForbiddenShortcut", "ForbiddenImport"))


def with_cause(wrong: Wrong, cause: str | None) -> Wrong:
    """``wrong`` with ``cause`` as its likely cause where it names none yet (a training check that
    found out afterwards which known mistake the student's code makes)."""
    if cause is None or wrong.cause:
        return wrong
    return Wrong(wrong.summary, expected=wrong.expected, got=wrong.got, cause=cause,
                 section=wrong.section, hint=wrong.hint)
