"""Checks of exercise 5: ``init_simple_net``, ``simple_net``, ``make_simple_net``.

``simple_net`` is compared with the reference on seeded parameters whose first layer gives
negative *and* positive pre-activations (so a missing or misplaced ReLU changes the output), for
1 and for 10 outputs. ``make_simple_net``'s structure is judged by what it computes, not by its
module types: its four parameters are found by their shapes (``nn.Linear``'s ``[out, in]`` layout
or the book's ``[in, out]``), and its output must equal the reference network's with those same
parameters, so an ``nn.ReLU(inplace=True)`` or a custom ``nn.Module`` passes.

The two training checks run the reference training loops on MNIST_SAMPLE with the stage settings
(lr 0.1, batch 256, seed 42; ``simple_net_scratch``: the reference ``init_simple_net(std=0.1)`` and
``train_model``; ``simple_net_learner``: the reference ``Learner`` with ``BasicOptim``), but for
3 epochs instead of 40, to stay fast. So their accuracy is compared with the reference network
trained under identical settings (same data, seed, initial weights, batches), computed here once
per run: the student's must reach the reference's minus ``0.005 + 2 / (validation images)``
(0.006 on the complete MNIST_SAMPLE, 0.015 on the embedded 200-image held-out set), a margin that
covers float rounding differences only. The student's ``make_simple_net()`` starts from the
reference's initial weights (copied in by shape), so a module that creates its layers in another
order is not penalised for drawing other random numbers.

Tolerances: outputs within ``rtol=1e-4, atol=1e-4`` (float32 sums of 784 products);
``init_simple_net``'s statistics within 0.02 of the asked mean and standard deviation.
"""

from __future__ import annotations

from functools import lru_cache

import torch
from torch import nn

from autograder.checks.common import (
    SEED,
    context,
    device,
    gen,
    randn,
    sample_data,
    sample_loaders,
)
from autograder.core.exercise import Exercise
from autograder.core.feedback import Mistake, Wrong, describe, expect_tensor, where_in_student_code
from mnist_ref import linear
from mnist_ref import simple_net as ref
from mnist_ref.learner import Learner
from mnist_ref.runtime import seed_everything

SECTION = "Adding a Nonlinearity"
EPOCHS, LR, BATCH = 3, 0.1, 256

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
    return [
        Mistake("the ReLU is missing: without it the two layers collapse into one linear layer",
                pre @ w2 + b2),
        Mistake("the ReLU is applied after the second layer: it goes between the two layers "
                "(on xb @ w1 + b1)", _relu(pre @ w2 + b2)),
        Mistake("a sigmoid instead of the ReLU: this network uses ReLU, max(0, x), elementwise",
                pre.sigmoid() @ w2 + b2),
        Mistake("the bias b1 is missing in the first layer", _relu(xb @ w1) @ w2 + b2),
        Mistake("the bias b2 is missing in the second layer", _relu(pre) @ w2),
        Mistake("the ReLU is applied twice, also after the second layer",
                _relu(_relu(pre) @ w2 + b2)),
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
        try:
            got = simple_net(xb.clone(), *(p.clone() for p in params))
        except NotImplementedError:  # a RuntimeError too: the stub, reported as not attempted
            raise
        except (RuntimeError, TypeError) as err:  # shape errors: say which shapes should flow
            where = where_in_student_code(err, sub.path)
            raise Wrong(f"{what} raised {type(err).__name__}: {err}" + (
                f"\n  at {where}" if where else ""),
                cause=_shape_cause(str(err)), section=SECTION,
                hint="the shapes go [N, 784] @ [784, H] + [H] -> [N, H] -> ReLU, still [N, H] "
                     "-> @ [H, O] + [O] -> [N, O]") from None
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
        got = init_simple_net(*args)
        if not isinstance(got, (tuple, list)) or len(got) != 4:
            raise Wrong(f"{call} should return the four tensors (w1, b1, w2, b2).",
                        got=describe(got), section=SECTION)
        names = ("w1", "b1", "w2", "b2")
        shapes = ((n_in, n_hidden), (n_hidden,), (n_hidden, n_out), (n_out,))
        causes = {"w1": "w1 multiplies xb [N, n_in] from the right: it is [n_in, n_hidden]",
                  "b1": "one bias per hidden unit: b1 is [n_hidden] (a [1] bias broadcasts "
                        "silently, but gives every hidden unit the same bias)",
                  "w2": "w2 maps the hidden units to the outputs: [n_hidden, n_out]",
                  "b2": "one bias per output: b2 is [n_out]"}
        for name, tensor, shape in zip(names, got, shapes, strict=True):
            if not isinstance(tensor, torch.Tensor) or tuple(tensor.shape) != shape:
                raise Wrong(f"{call} returned a {name} of the wrong shape.",
                            expected=f"a tensor of shape {list(shape)}", got=describe(tensor),
                            cause=causes[name], section=SECTION)
            expect_tensor(tensor, torch.zeros(shape), what=f"{name} from {call}",
                          check_values=False, check_device=False, section=SECTION)
            if not tensor.requires_grad or not tensor.is_leaf:
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


def book_params(model, n_in: int, n_hidden: int, n_out: int):
    """``model``'s parameters as the book's ``(w1, b1, w2, b2)`` (``[in, out]`` layout), found by
    shape; None when they are not two layers' weights and biases.

    ``n_in``, ``n_hidden`` and ``n_out`` must differ, so that every shape names one role.
    """
    params = list(model.parameters())
    if len(params) != 4:
        return None
    roles = {}
    for p in params:
        shape = tuple(p.shape)
        for role, book, linear_layout in (("w1", (n_in, n_hidden), (n_hidden, n_in)),
                                          ("b1", (n_hidden,), None),
                                          ("w2", (n_hidden, n_out), (n_out, n_hidden)),
                                          ("b2", (n_out,), None)):
            if shape == book:
                roles[role] = (p, False)
            elif shape == linear_layout:
                roles[role] = (p, True)
    if len(roles) != 4:
        return None
    return tuple(roles[r] for r in ("w1", "b1", "w2", "b2"))


def _as_book(found):
    return tuple(p.detach().t() if transposed else p.detach() for p, transposed in found)


def _load_book(found, values) -> None:
    """Copy the book-layout ``values`` into the parameters ``found`` (transposing as needed)."""
    with torch.no_grad():
        for (p, transposed), v in zip(found, values, strict=True):
            p.copy_(v.t() if transposed else v)


@check(points=1, description="make_simple_net builds Linear -> ReLU -> Linear: it computes what "
       "the reference network computes with the same weights")
def make_simple_net_structure(sub):
    make_simple_net = sub.fn("make_simple_net")
    n_in, n_hidden, n_out = 20, 7, 3
    model = make_simple_net(n_in, n_hidden, n_out)
    call = f"make_simple_net({n_in}, {n_hidden}, {n_out})"
    if not isinstance(model, nn.Module):
        raise Wrong(f"{call} should return an nn.Module (an nn.Sequential, as in the book).",
                    got=describe(model), section=SECTION)
    model = model.to(device())
    found = book_params(model, n_in, n_hidden, n_out)
    if found is None:
        shapes = ", ".join(str(list(p.shape)) for p in model.parameters()) or "none"
        raise Wrong(f"{call}'s parameters are not those of two linear layers {n_in} -> "
                    f"{n_hidden} -> {n_out}.",
                    expected=f"4 tensors: [{n_hidden}, {n_in}], [{n_hidden}], [{n_out}, "
                             f"{n_hidden}], [{n_out}] (nn.Linear stores weights as [out, in])",
                    got=shapes, section=SECTION,
                    hint="nn.Linear(n_in, n_hidden), then nn.Linear(n_hidden, n_out)")
    params = _as_book(found)
    xb = randn(6, n_in, seed=95)
    expected = ref.simple_net(xb, *params)
    with torch.no_grad():
        got = model(xb.clone())
    expect_tensor(got, expected, rtol=RTOL, atol=ATOL, section=SECTION,
                  what=f"the model from {call}, called on xb [6, {n_in}],",
                  mistakes=_mistakes(xb, *params),
                  hint="it should compute relu(xb @ W1.T + b1) @ W2.T + b2 with its own two "
                       "layers' weights: nn.Sequential(nn.Linear(n_in, n_hidden), nn.ReLU(), "
                       "nn.Linear(n_hidden, n_out))")
    default = make_simple_net()
    n_params = sum(p.numel() for p in default.parameters())
    if n_params != 784 * 30 + 30 + 30 * 1 + 1:
        raise Wrong("make_simple_net() with its defaults should be the book's 784-30-1 network "
                    f"(23581 parameters); it has {n_params}.", section=SECTION,
                    hint="keep the defaults n_in=28*28, n_hidden=30, n_out=1")


# --- training on real data ---------------------------------------------------------------------


def _tolerance(data) -> float:
    return 0.005 + 2 / len(data.valid_y)


def _scratch(simple_net) -> float:
    """Stage ``simple_net_scratch`` for ``EPOCHS`` epochs with ``simple_net`` swapped in."""
    seed_everything(SEED)
    params = [t.detach().to(device()).requires_grad_() for t in ref.init_simple_net(std=0.1)]
    dls = sample_loaders(BATCH)

    def model(xb):
        return simple_net(xb, *params)

    return linear.train_model(model, EPOCHS, LR, params, dls.train, dls.valid)[-1]


def _learner(model) -> float:
    """Stage ``simple_net_learner`` for ``EPOCHS`` epochs with ``model`` (already initialised)."""
    dls = sample_loaders(BATCH)
    stats = Learner(dls, model.to(device())).fit(EPOCHS, LR)
    return stats[-1].metric


@lru_cache(maxsize=1)
def _reference_scratch() -> float:
    return _scratch(ref.simple_net)


def _reference_model() -> nn.Module:
    seed_everything(SEED)
    return ref.make_simple_net()


@lru_cache(maxsize=1)
def _reference_learner() -> float:
    return _learner(_reference_model())


def _compare(accuracy: float, reference: float, what: str, hint: str) -> None:
    data = sample_data()
    margin = _tolerance(data)
    if not accuracy >= reference - margin:
        raise Wrong(f"{what}: validation accuracy {accuracy:.4f} after {EPOCHS} epochs, below the "
                    f"reference network's {reference:.4f} under the same settings (allowed: "
                    f"{margin:.3f} less; {context(data)}).", section=SECTION, hint=hint)


@check(points=2, description="your simple_net, with the reference's parameters and train_model, "
       "learns 3s and 7s like the reference", timeout=60)
def simple_net_scratch_trains(sub):
    simple_net = sub.fn("simple_net")
    _compare(_scratch(simple_net), _reference_scratch(),
             "your simple_net with the reference init_simple_net(std=0.1), trained by the "
             f"reference train_model (lr {LR}, batch {BATCH})",
             hint="simple_net_values says more: compare your function with the formula")


@check(points=2, description="your make_simple_net(), trained by the reference Learner, learns 3s "
       "and 7s like the reference", timeout=60)
def make_simple_net_learner_trains(sub):
    make_simple_net = sub.fn("make_simple_net")
    seed_everything(SEED)
    model = make_simple_net()
    if not isinstance(model, nn.Module):
        raise Wrong("make_simple_net() should return an nn.Module (an nn.Sequential, as in the "
                    "book): the Learner calls its parameters(), train() and eval().",
                    got=describe(model), section=SECTION)
    found = book_params(model, 28 * 28, 30, 1)
    if found is not None:  # start from the reference's weights, whatever order they were drawn in
        _load_book(found, _as_book(book_params(_reference_model(), 28 * 28, 30, 1)))
    _compare(_learner(model), _reference_learner(),
             "your make_simple_net(), trained by the reference Learner with BasicOptim "
             f"(lr {LR}, batch {BATCH}, mnist_loss, starting from the reference's initial weights)",
             hint="make_simple_net_structure says more: Linear, ReLU, Linear")
