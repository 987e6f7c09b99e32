"""Checks of the questionnaire's code questions (the model code is in solutions/questionnaire.yaml).

q04 ``doubled_odds``, q09 ``double_and_slice``, q21 ``plot_sigmoid``, q25 ``one_epoch``, q26
``pair_up``, q34 ``plot_relu``; each check is named by the question's ``check`` field.

The student's functions run in the isolated worker. Lists, strings and tensors cross as they are;
what cannot (a NumPy array, a matplotlib figure) is read there by the probes of
:mod:`autograder.probes.questionnaire`, which return its numbers; every verdict is computed here.

Plots are checked on their data, never their pixels (:mod:`.quiz_plots`): ReLU's line must cover
x from -2 to +2 (the question's range; wider is fine), the sigmoid's at least -2 to +2 (the
question gives no range; that much shows its S shape, and the book plots -4 to 4), with no gap
wider than 0.25 there, y equal to the function (within 1e-3), and axis limits that do not cut it.
``one_epoch`` runs on a small seeded problem (48 random items of 12 features, 3 batches of 16,
the book's linear model and ``mnist_loss``) and must leave the parameters where the reference
``mnist_ref.linear.train_epoch`` leaves them (``rtol=1e-4, atol=1e-5``).
"""

from __future__ import annotations

import torch

from autograder.checks.common import device, randn
from autograder.checks.quiz_plots import Span, expect_plot
from autograder.core.exercise import Exercise
from autograder.core.feedback import Mistake, Wrong, describe, expect_tensor
from autograder.sandbox.client import Remote
from mnist_ref import linear as ref

PIXELS = "First Try: Pixel Similarity"
TENSORS = "NumPy Arrays and PyTorch Tensors"
SIGMOID = "Sigmoid"
EPOCH = "Putting It All Together"
LOSS = "The MNIST Loss Function"
RELU = "Adding a Nonlinearity"

EXERCISE = Exercise(
    stem="questionnaire",
    title="Questionnaire: code questions",
    section="Questionnaire",
    hints=[
        "Each function's docstring says what to return; the book section named above the "
        "function shows the code it needs (list comprehensions, indexing, zip, plotting, the "
        "training loop).",
        "doubled_odds: [f(o) for o in a if cond]. double_and_slice: rows 1 onward and columns 1 "
        "onward. pair_up: Python's built-in zip. Plots: x = torch.linspace(-2, 2, 100), then "
        "fig, ax = plt.subplots(); ax.plot(x, f(x)) and return fig. one_epoch: predict, loss, "
        "backward, then step and zero each parameter's gradient.",
        "The model answers are in docs/questionnaire_answers.md (try first: reveal(...) in the "
        "questionnaire notebook shows one question's answer at a time).",
    ],
)
check = EXERCISE.check


@check(points=1, description="doubled_odds keeps the odd numbers and doubles them, in order")
def doubled_odds(sub):
    func = sub.fn("doubled_odds")
    for a in ([1, 2, 3, 4, 5], [3, -7, 0, 8, 11, 4, 6, 9, -2, 15]):
        got = func(list(a))
        expected = [o * 2 for o in a if o % 2 == 1]
        what = f"doubled_odds({a})"
        if not isinstance(got, list):
            cause = ("a generator: ( ) makes a generator expression, [ ] a list comprehension"
                     if isinstance(got, Remote) and got.kind == "generator" else
                     "nothing was returned: is a `return` missing?" if got is None else None)
            raise Wrong(f"{what} should return a list.", expected=repr(expected),
                        got=_shown(got), cause=cause, section=PIXELS)
        mistakes = {
            "the odd numbers are squared (o * o or o ** 2): doubling is o * 2":
                [o * o for o in a if o % 2 == 1],
            "the even numbers are kept: an odd number has o % 2 == 1":
                [o * 2 for o in a if o % 2 == 0],
            "every number is doubled: the `if` filter is missing": [o * 2 for o in a],
            "the odd numbers are not doubled": [o for o in a if o % 2 == 1],
            "the filter tests the doubled number, which is always even: filter on o itself": [],
        }
        if got != expected:
            cause = next((c for c, v in mistakes.items() if got == v), None)
            raise Wrong(f"{what} returned the wrong list.", expected=repr(expected),
                        got=repr(got)[:120], cause=cause, section=PIXELS,
                        hint="[o * 2 for o in a if ...]: the filter comes last")


def _shown(x) -> str:
    """``describe(x)``, or what an object that stayed in the worker is."""
    return f"a {x.kind} object" if isinstance(x, Remote) else describe(x)


def _as_tensor(x, what: str) -> torch.Tensor:
    if isinstance(x, Remote):
        raise Wrong(f"{what} should be a tensor (or a NumPy array).", got=_shown(x),
                    section=TENSORS)
    try:
        return torch.as_tensor(x).detach().cpu()
    except (TypeError, ValueError, RuntimeError):
        raise Wrong(f"{what} should be a tensor (or a NumPy array).", got=describe(x),
                    section=TENSORS) from None


_CORNERS = {
    "top-left": (slice(None, 2), slice(None, 2), "rows :2 and columns :2 are the top and left ones"),
    "top-right": (slice(None, 2), slice(1, None), "rows 1: (not :2) are the bottom ones"),
    "bottom-left": (slice(1, None), slice(None, 2), "columns 1: (not :2) are the right ones"),
    "bottom-right": (slice(1, None), slice(1, None), ""),
}


def _corner_mistakes(t: torch.Tensor) -> list[Mistake]:
    """Every wrong corner we know, with its cause: each 2x2 corner of ``doubled`` and of ``t``
    (and of their transposes), and the slices that give other shapes."""
    d = t * 2
    found = []
    for source, m, note in (
            ("doubled", d, ""),
            ("t", t, ": take the bottom-right corner, [1:, 1:], of doubled, not of t"),
            ("doubled transposed", d.T, ": rows come first, doubled[rows, columns]; the "
             "bottom-right corner is doubled[1:, 1:]"),
            ("t transposed", t.T, ": rows come first, and the corner is taken from doubled: "
             "doubled[1:, 1:]")):
        for corner, (rows, cols, why) in _CORNERS.items():
            if source == "doubled" and corner == "bottom-right":
                continue
            if source == "t" and corner == "bottom-right":
                cause = "the corner of t, not of the doubled tensor: take it from doubled"
            elif source == "doubled":
                cause = f"the {corner.replace('left', 'LEFT')} corner of doubled: {why}"
            else:
                cause = f"the {corner} corner of {source}{note}"  # e.g. "bottom-left corner of t"
            found.append(Mistake(cause, m[rows, cols]))
    found += [
        Mistake("the right numbers, flattened to 4 values: keep the 2x2 block, doubled[1:, 1:]",
                d[1:, 1:].flatten()),
        Mistake("the last four numbers in reading order (flatten()[-4:]): the bottom-right four "
                "form a 2x2 block, doubled[1:, 1:]", d.flatten()[-4:]),
        Mistake("doubled[1:][1:] slices the rows twice (doubled[1:] drops the first row, then "
                "[1:] the next one): slice rows and columns in one index, doubled[1:, 1:]",
                d[1:][1:]),
        Mistake("[2:, 2:] keeps one number: indexes count from 0, so the last two rows start at 1",
                d[2:, 2:]),
        Mistake("only the rows are sliced: slice the columns too, doubled[1:, 1:]", d[1:]),
        Mistake("only the columns are sliced: slice the rows too, doubled[1:, 1:]", d[:, 1:]),
    ]
    return found


@check(points=1, description="double_and_slice makes 1..9 as 3x3, doubles it, and takes the "
       "bottom-right 2x2")
def bottom_right(sub):
    sub.fn("double_and_slice")
    made = sub.probe("slices")
    result = made["items"]
    if result is None or len(result) != 3:
        got = (f"{made['type']} of {len(result)} items" if result is not None
               else _shown(made["value"]))
        raise Wrong("double_and_slice() should return three things: (t, doubled, corner).",
                    got=got, section=TENSORS, hint="end with `return t, doubled, corner`")
    names = ("t", "doubled", "corner")
    t, doubled, corner = (_as_tensor(x, n) for x, n in zip(result, names, strict=True))
    good = torch.arange(1, 10).view(3, 3)
    opts = dict(check_dtype=False, check_device=False, section=TENSORS)
    expect_tensor(t, good, what="t, the tensor of 1 to 9", mistakes=[
        Mistake("torch.arange(9) starts at 0: torch.arange(1, 10) gives 1 to 9",
                torch.arange(9).view(3, 3)),
        Mistake("the numbers run down the columns: view(3, 3) fills row by row", good.T),
        Mistake("1 to 9 in one row: make it 3x3 with .view(3, 3)", torch.arange(1, 10)),
    ], **opts)
    expect_tensor(doubled, good * 2, what="doubled, t doubled", mistakes=[
        Mistake("t is squared (t ** 2 or t * t): doubling is t * 2", good**2),
        Mistake("2 is added (t + 2): doubling is t * 2", good + 2),
        Mistake("t is not doubled", good),
    ], **opts)
    expect_tensor(corner, (good * 2)[1:, 1:],
                  what="corner, the bottom-right four numbers of doubled",
                  mistakes=_corner_mistakes(good), hint="doubled[1:, 1:] (or doubled[-2:, -2:])",
                  **opts)


def _sigmoid(x):
    return 1 / (1 + torch.exp(-x))


#: The question gives no range for the sigmoid: the plot must show its S shape, which bends
#: between about -2 and +2 (the book plots -4 to 4).
SIGMOID_SPAN = Span(-2.0, 2.0, asked=False,
                    why="it bends towards 0 below about -2 and towards 1 above about +2; the "
                    "book plots it from -4 to 4")


@check(points=1, description="plot_sigmoid draws sigmoid(x), S shape included (x from -2 to +2 "
       "or wider)")
def sigmoid_plot(sub):
    sub.fn("plot_sigmoid")
    expect_plot(sub.probe("figure", "plot_sigmoid"), "plot_sigmoid()", "sigmoid", _sigmoid,
                mistakes={
                    "ReLU was plotted, not the sigmoid": torch.relu,
                    "tanh was plotted: also S-shaped, but from -1 to 1; sigmoid is "
                    "1 / (1 + exp(-x))": torch.tanh,
                    "the sign of the exponent: 1 / (1 + exp(x)) is the sigmoid mirrored (it "
                    "decreases)": lambda x: _sigmoid(-x),
                    "exp(-x) alone: the sigmoid is 1 / (1 + exp(-x))": lambda x: torch.exp(-x),
                    "the sigmoid's derivative, sigmoid(x) * (1 - sigmoid(x)), was plotted":
                        lambda x: _sigmoid(x) * (1 - _sigmoid(x)),
                }, section=SIGMOID, span=SIGMOID_SPAN)


def _problem():
    """48 seeded items of 12 features with 0/1 targets, in 3 batches of 16; initial parameters."""
    x, y = randn(48, 12, seed=1), (randn(48, 1, seed=2) > 0).float()
    batches = [(x[i:i + 16], y[i:i + 16]) for i in range(0, 48, 16)]
    return batches, randn(12, 1, seed=3), randn(1, seed=4)


def _simulate(batches, w0, b0, lr, zero=True, sign=1.0, once=False):
    """The parameters after one epoch done right, or with one known mistake."""
    w, b = w0.clone().requires_grad_(), b0.clone().requires_grad_()
    for xb, yb in batches:
        ref.mnist_loss(ref.linear1(xb, w, b), yb).backward()
        if not once:
            with torch.no_grad():
                for p in (w, b):
                    p -= sign * lr * p.grad
                    if zero:
                        p.grad.zero_()
    if once:
        with torch.no_grad():
            for p in (w, b):
                p -= lr * p.grad
    return w.detach(), b.detach()


@check(points=2, description="one_epoch steps every parameter once per mini-batch, as the "
       "reference train_epoch does")
def one_epoch(sub):
    sub.fn("one_epoch")
    lr = 1.0
    batches, w0, b0 = _problem()
    try:
        after = sub.probe("one_epoch", w0, b0, batches, lr)
    except RuntimeError as err:
        if "leaf" not in str(err) or "in-place" not in str(err):
            raise
        raise Wrong("one_epoch changed a parameter in place while autograd was recording.",
                    cause="the step must not be tracked: do it inside `with torch.no_grad():` "
                    "(or on p.data)", section="Stepping With a Learning Rate") from None
    wr, br = w0.clone().requires_grad_(), b0.clone().requires_grad_()
    ref.train_epoch(lambda xb: ref.linear1(xb, wr, br), lr, (wr, br), batches, ref.mnist_loss)
    wrong = {
        "the gradients are never zeroed, so each step adds in the gradients of earlier batches "
        "(zero them after each step: p.grad.zero_() or p.grad = None)": dict(zero=False),
        "the step goes up the gradient (p += lr * p.grad): subtract it to lower the loss":
            dict(sign=-1.0),
        "only one step, after the loop: step inside the loop, once per mini-batch": dict(once=True),
    }
    context = (f"on a seeded problem (device {device()}, 48 random items of 12 features in 3 "
               f"batches of 16, the linear model with mnist_loss, lr={lr})")
    for name, got, good, index in (("weights", after["w"], wr, 0), ("bias", after["b"], br, 1)):
        mistakes = [Mistake(c, _simulate(batches, w0, b0, lr, **kw)[index])
                    for c, kw in wrong.items()]
        mistakes.append(Mistake(
            "the parameters did not change: update them in place (p -= lr * p.grad, or "
            "p.data -= ...); `p = p - lr * p.grad` only rebinds a name, and zeroing the "
            "gradients before the step leaves nothing to step with", (w0, b0)[index]))
        expect_tensor(got.detach(), good.detach(), what=f"the {name} after one_epoch {context}",
                      rtol=1e-4, atol=1e-5, mistakes=mistakes, section=EPOCH,
                      hint="for xb, yb in dl: loss_func(model(xb), yb).backward(); then, "
                           "under torch.no_grad(), p -= lr * p.grad and p.grad.zero_()")


@check(points=1, description="pair_up zips two sequences into a list of (x, y) tuples")
def pair_up(sub):
    func = sub.fn("pair_up")
    got = func([1, 2, 3, 4], "abcd")
    expected = [(1, "a"), (2, "b"), (3, "c"), (4, "d")]
    what = "pair_up([1, 2, 3, 4], 'abcd')"
    if not isinstance(got, list):
        cause = ("a zip object is lazy (an iterator): wrap it in list(...)"
                 if isinstance(got, Remote) and got.kind == "zip" else
                 "nothing was returned: is a `return` missing?" if got is None else None)
        raise Wrong(f"{what} should return a list.", expected=repr(expected), got=_shown(got),
                    cause=cause, section=LOSS)
    if got != expected:
        swapped = [(y, x) for x, y in expected]
        cause = ("the pairs are swapped, (label, input): zip(xs, ys) keeps the arguments' order"
                 if got == swapped else
                 "the pairs are lists: a Dataset item is a tuple (x, y), which zip gives"
                 if got == [list(p) for p in expected] else None)
        raise Wrong(f"{what} returned the wrong list.", expected=repr(expected),
                    got=repr(got)[:120], cause=cause, section=LOSS, hint="list(zip(xs, ys))")
    xs, ys = randn(5, 4, seed=5), randn(5, 1, seed=6)
    got = func(xs, ys)
    what = "pair_up(xs [5, 4], ys [5, 1]) (two tensors, like train_x and train_y)"
    ok = isinstance(got, list) and len(got) == 5 and all(
        isinstance(p, tuple) and len(p) == 2 and isinstance(p[0], torch.Tensor)
        and isinstance(p[1], torch.Tensor) and torch.equal(p[0], xs[i]) and torch.equal(p[1], ys[i])
        for i, p in enumerate(got))
    if not ok:
        raise Wrong(f"{what} should return [(xs[0], ys[0]), ..., (xs[4], ys[4])].",
                    got=_shown(got), section=LOSS,
                    cause="the answer works only for the question's example: pair any two "
                          "sequences, e.g. with zip")


@check(points=1, description="plot_relu draws relu(x) = max(0, x) for x from -2 to +2")
def relu_plot(sub):
    sub.fn("plot_relu")
    expect_plot(sub.probe("figure", "plot_relu"), "plot_relu()", "relu", torch.relu, mistakes={
        "the sigmoid was plotted, not ReLU": _sigmoid,
        "min instead of max (x.clamp(max=0)): ReLU keeps the positive side, max(0, x)":
            lambda x: x.clamp(max=0),
        "x itself: ReLU replaces the negative values by 0": lambda x: x,
        "abs(x): ReLU replaces the negative values by 0, it does not flip them": torch.abs,
        "leaky ReLU (a small slope for negatives): ReLU is exactly 0 there":
            torch.nn.functional.leaky_relu,
    }, section=RELU, span=Span(-2.0, 2.0, asked=True))
