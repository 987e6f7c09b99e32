"""Checks of exercise 2a: gradients by autograd, the book's roller coaster by SGD, a learning-rate
sweep, its plot and what it shows.

Everything runs on the CPU in float32, as the book does. The student's functions run in the
isolated worker; the probes of :mod:`autograder.probes.e02a_sgd_by_hand` report what they returned
and what they did to their tensors; every comparison is made here against :mod:`mnist_ref.sgd`
computed here on the same inputs: values with ``rtol=1e-5`` (float32 rounding; the book's printed
losses agree with the reference to 3e-7, see ``tests/reference/test_sgd.py``), the coaster's data
exactly. ``apply_step`` runs with the reference's ``f`` and ``mse``, ``run_sgd`` with its
``apply_step`` and ``lr_sweep`` with its ``run_sgd`` in place of the student's, so that one mistake
costs the points of one function.

The explanations are graded like the questionnaire's concept answers: against key points, here as
one word per learning rate and one letter per question, where each wrong choice names the
misconception it stands for.
"""

from __future__ import annotations

import math

import torch

from autograder.checks.common import gen
from autograder.core.exercise import Exercise
from autograder.core.feedback import Mistake, Wrong, describe, expect_tensor
from mnist_ref import sgd as ref

SGD = "Stochastic Gradient Descent (SGD)"
GRADIENTS = "Calculating Gradients"
STEPPING = "Stepping With a Learning Rate"
EXAMPLE = "An End-to-End SGD Example"

EXERCISE = Exercise(
    stem="e02a_sgd_by_hand",
    title="Exercise 2a: gradients and SGD by hand",
    section=SGD,
    hints=[
        'Every function is a few lines of the book\'s section "Stochastic Gradient Descent '
        '(SGD)": "Calculating Gradients" for grad_at, "An End-to-End SGD Example" for the rest. '
        "Print the losses run_sgd returns and compare them with the book's.",
        "grad_at: copy x, requires_grad_(), call f, backward(), return .grad. coaster: seed "
        "first, then time, speed and params in the book's order. apply_step: loss before the "
        "step, params.data -= lr * params.grad.data, then params.grad = None. lr_sweep: a fresh "
        "copy of params for every learning rate.",
        "grad_at: xt = x.detach().clone().requires_grad_(); f(xt).backward(); return xt.grad. "
        "lr_sweep: [run_sgd(params.detach().clone().requires_grad_(), time, speed, lr, steps, "
        "loss_func) for lr in lrs]. The sweep at 1e-6, 1e-5, 1e-4: too small, good, diverges.",
    ],
)
check = EXERCISE.check


def _start():
    """The book's data and start, drawn here (the reference seeds the grader's own generator)."""
    time, speed, params = ref.coaster(ref.BOOK_SEED)
    return time, speed, params.detach()


# --- grad_at -----------------------------------------------------------------------------------


def _grad_case(sub, which: str, x: torch.Tensor, expected: torch.Tensor, what: str, value):
    sub.fn("grad_at")  # a missing function is named before the probe runs
    try:
        found = sub.probe("grad_at_call", which, x)
    except RuntimeError as err:
        text = str(err)
        if "does not require grad" in text:
            raise Wrong(f"{what} raised RuntimeError: {text.splitlines()[0]}.",
                        cause="requires_grad_() is missing (or called on another tensor than the "
                        "one f receives): PyTorch records nothing to differentiate",
                        section=GRADIENTS, hint="xt = x.detach().clone().requires_grad_(), then "
                        "f(xt).backward()") from None
        if "leaf Variable" in text or "a view of a leaf" in text:
            raise Wrong(f"{what} raised RuntimeError: {text.splitlines()[0]}.",
                        cause="requires_grad_() was called on a tensor made from another one; "
                        "make a fresh copy first: x.detach().clone().requires_grad_()",
                        section=GRADIENTS) from None
        raise
    got = found["value"]
    if got is None:
        raise Wrong(f"{what} returned None.", cause="backward() was not called before reading "
                    ".grad (it stays None until backward fills it), or a `return` is missing",
                    section=GRADIENTS, hint="yt = f(xt); yt.backward(); return xt.grad")
    expect_tensor(got, expected, what=what, section=GRADIENTS, check_device=False,
                  hint="the gradient of x**2 is 2*x; PyTorch computes it: backward(), then .grad",
                  mistakes=[
                      Mistake("this is f(x), the value, not its gradient: call backward() on it "
                              "and return x's .grad", value),
                      Mistake("this is x itself: return the .grad of the tensor that "
                              "requires_grad_()", x),
                      Mistake("this is 2*x whatever f is: compute the gradient of f with "
                              "backward(), do not write it out", 2 * x),
                  ])
    if found["x_requires_grad"]:
        raise Wrong(f"{what} made the caller's x track gradients.",
                    cause="requires_grad_() changes the tensor it is called on: work on a copy, "
                    "x.detach().clone().requires_grad_()", section=GRADIENTS)


@check(points=2, description="grad_at computes the gradient of x**2 at 3, of a sum of squares, "
       "and of any f, with autograd")
def grad_at_values(sub):
    three = torch.tensor(3.0)
    _grad_case(sub, "square", three, ref.grad_at(lambda x: x**2, three),
               "grad_at(lambda x: x**2, tensor(3.))", three**2)
    xs = torch.tensor([3.0, 4.0, 10.0])
    _grad_case(sub, "sum_of_squares", xs, ref.grad_at(lambda x: (x**2).sum(), xs),
               "grad_at(lambda x: (x**2).sum(), tensor([3., 4., 10.]))", (xs**2).sum())
    other = torch.tensor([1.0, -2.0, 0.5])
    _grad_case(sub, "sum_of_cubes", other, ref.grad_at(lambda x: (x**3).sum(), other),
               "grad_at(lambda x: (x**3).sum(), tensor([1., -2., 0.5]))", (other**3).sum())


# --- coaster, f, mse ---------------------------------------------------------------------------


@check(points=1, description="coaster(42) draws the book's time, speed and params, in the book's "
       "order, params tracking gradients; coaster(7) draws from seed 7")
def coaster_data(sub):
    sub.fn("coaster")
    for seed in (42, 7):
        _coaster_case(sub, seed)


def _coaster_case(sub, seed: int) -> None:
    what = f"coaster({seed})"
    found = sub.probe("coaster_call", seed)
    items = found["items"]
    if items is None or len(items) != 3:
        raise Wrong(f"{what} should return three tensors (time, speed, params).",
                    got=describe(found["value"]) if items is None else f"{len(items)} items",
                    section=EXAMPLE, hint="return time, speed, params")
    time, speed, params = ref.coaster(seed)
    names = ("time", "speed", "params")
    # the same draws in another order: params first, then the noise of speed
    torch.manual_seed(seed)
    swapped_params = torch.randn(3)
    swapped_speed = torch.randn(20) * 3 + 0.75 * (time - 9.5) ** 2 + 1
    fixed = ref.coaster(42)
    wrong = {
        "speed": [Mistake("params were drawn before speed: draw them in the book's order, time, "
                          "speed, then params (each torch.randn takes the next numbers of the "
                          "generator)", swapped_speed)],
        "params": [Mistake("params were drawn before speed: draw them in the book's order, time, "
                           "speed, then params", swapped_params)],
        "time": [Mistake("time runs from 1 to 20: torch.arange(0, 20) is 0 to 19",
                         torch.arange(1, 21).float())],
    }
    if seed != 42:
        wrong["speed"].append(Mistake("the seed is ignored (always 42): torch.manual_seed(seed)",
                                      fixed[1]))
    for got, expected, name in zip(items, (time, speed, params.detach()), names, strict=True):
        hint = ("torch.manual_seed(seed); time = torch.arange(0, 20).float(); speed = "
                "torch.randn(20)*3 + 0.75*(time-9.5)**2 + 1; params = torch.randn(3)"
                ".requires_grad_()")
        if isinstance(got, torch.Tensor) and name == "time" and not got.is_floating_point():
            raise Wrong(f"{what}: time is a tensor of {str(got.dtype).replace('torch.', '')}.",
                        cause="torch.arange(0, 20) makes integers: add .float(), as the book does",
                        section=EXAMPLE, hint=hint)
        expect_tensor(got, expected, what=f"{what}'s {name}", rtol=0, atol=0, section=EXAMPLE,
                      check_device=False, hint=hint, mistakes=wrong[name])
    if not found["params_requires_grad"] or not found["params_is_leaf"]:
        raise Wrong(f"{what}'s params do not track gradients (or were computed from a tensor "
                    "that does).", cause="end with .requires_grad_(): params = "
                    "torch.randn(3).requires_grad_()", section=EXAMPLE)


@check(points=1, description="f is the book's quadratic and mse its mean squared error")
def f_and_mse(sub):
    t = torch.arange(0, 20).float()
    params = torch.tensor([0.5, -2.0, 3.0])
    expect_tensor(sub.fn("f")(t, params), ref.f(t, params), what="f(time [20], params [3])",
                  section=EXAMPLE, check_device=False, hint="a, b, c = params; "
                  "return a*(t**2) + (b*t) + c",
                  mistakes=[Mistake("the parameters are in the wrong order: a multiplies t**2, "
                                    "b multiplies t, c is the constant", 3.0 * t**2 - 2.0 * t + 0.5),
                            Mistake("t is not squared: a*(t**2)", 0.5 * t - 2.0 * t + 3.0)])
    preds = torch.randn(20, generator=gen(7)) * 10
    targets = torch.randn(20, generator=gen(8)) * 10
    diff = preds - targets
    expect_tensor(sub.fn("mse")(preds, targets), ref.mse(preds, targets),
                  what="mse(preds [20], targets [20])", section=EXAMPLE, check_device=False,
                  hint="((preds - targets)**2).mean()",
                  mistakes=[
                      Mistake("this is the square root of the mean squared error (RMSE): the "
                              "book's mse has no .sqrt()", (diff**2).mean().sqrt()),
                      Mistake("the absolute difference (L1) instead of the square",
                              diff.abs().mean()),
                      Mistake("sum instead of mean", (diff**2).sum()),
                      Mistake("the difference is not squared, so errors of opposite signs cancel",
                              diff.mean()),
                  ])


# --- apply_step, run_sgd ------------------------------------------------------------------------


def _reference_steps(params, time, speed, lr, steps, *, sign=1.0, reset=True, lr_used=None):
    """The params after each of ``steps`` steps, done right or with one known mistake."""
    p = params.clone().requires_grad_()
    after = []
    for _ in range(steps):
        loss = ref.mse(ref.f(time, p), speed)
        loss.backward()
        p.data -= sign * (lr if lr_used is None else lr_used) * p.grad.data
        if reset:
            p.grad = None
        after.append(p.detach().clone())
    return after


@check(points=2, description="apply_step steps params against the gradient by lr, in place, "
       "resets the gradient and returns the loss before the step")
def apply_step_values(sub):
    sub.fn("apply_step")
    time, speed, params = _start()
    lr = ref.BOOK_LR
    what = "apply_step(params, time, speed, lr=1e-5) from coaster(42)'s start"
    try:
        found = sub.probe("steps_call", params, time, speed, lr, 2)
    except RuntimeError as err:
        if "leaf" not in str(err) or "in-place" not in str(err):
            raise
        raise Wrong(f"{what} changed params in place while autograd was recording.",
                    cause="step params.data (params.data -= lr * params.grad.data, as the book "
                    "does), or do the step inside `with torch.no_grad():`",
                    section=STEPPING) from None
    first = found["returned"][0]
    if isinstance(first, torch.Tensor) and first.shape == time.shape:
        raise Wrong(f"{what} returned the predictions [20]; return the loss before the step.",
                    got=describe(first), cause="the book's apply_step returns preds and prints "
                    "the loss; here it returns the loss instead: return loss.item()",
                    section=EXAMPLE)
    if isinstance(first, torch.Tensor) and first.numel() == 1:
        raise Wrong(f"{what} returned the loss as a tensor; return a Python float.",
                    got=describe(first), cause="add .item(): loss.item() is the number the book "
                    "prints", section=EXAMPLE)
    if not isinstance(first, float) or not math.isclose(first, ref.FIRST_LOSS, rel_tol=1e-5):
        raise Wrong(f"{what} should return the loss before the step, {ref.FIRST_LOSS} (the "
                    "book's first loss).", got=describe(first), section=EXAMPLE,
                    cause="nothing was returned: is `return loss.item()` missing?" if first is None
                    else "the loss after the step was returned: compute the loss, backward, "
                    "step, and return the loss you computed first" if isinstance(first, float)
                    and math.isclose(first, ref.LOOP_LOSSES[0], rel_tol=1e-4) else None)
    right = _reference_steps(params, time, speed, lr, 2)
    mistakes = {
        "the step goes up the gradient (params.data += ...): subtract lr * grad to lower the "
        "loss": dict(sign=-1.0),
        "the learning rate is ignored (a step of the whole gradient): multiply the gradient by "
        "lr": dict(lr_used=1.0),
        "the gradient is not reset after the step (params.grad = None), so the second "
        "backward() adds to the first one's gradient": dict(reset=False),
    }
    for i in range(2):
        got = found["params"][i]
        expect_tensor(got, right[i], what=f"params after step {i + 1} of {what}", rtol=1e-5,
                      check_device=False, section=STEPPING,
                      hint="params.data -= lr * params.grad.data; params.grad = None",
                      mistakes=[Mistake(c, _reference_steps(params, time, speed, lr, 2, **kw)[i])
                                for c, kw in mistakes.items()] + [
                          Mistake("params did not change: update them in place "
                                  "(params.data -= ...); `params = params - ...` only rebinds "
                                  "a name inside apply_step", params)])
    grad = found["grads"][-1]
    if grad is not None and bool((grad != 0).any()):
        raise Wrong(f"{what} leaves the gradient in params.grad after the step.",
                    cause="reset it after the step, params.grad = None (or "
                    "params.grad.zero_()): the next backward() would add to it",
                    section=STEPPING)
    # the other arguments: another learning rate, and another loss
    lr, what = 3e-6, "apply_step(params, time, speed, lr=3e-6, loss_func=<mse(...).sqrt()>)"
    found = sub.probe("steps_call", params, time, speed, lr, 1, "sqrt")
    p = params.clone().requires_grad_()
    expected_loss = ref.apply_step(p, time, speed, lr, ref.rmse)
    ignored = params.clone().requires_grad_()
    ref.apply_step(ignored, time, speed, lr)
    fixed_lr = params.clone().requires_grad_()
    ref.apply_step(fixed_lr, time, speed, ref.BOOK_LR, ref.rmse)
    expect_tensor(found["params"][0], p.detach(), what=f"params after {what}", rtol=1e-5,
                  check_device=False, section=STEPPING,
                  mistakes=[Mistake("loss_func is ignored: compute the loss with "
                                    "loss_func(preds, speed)", ignored.detach()),
                            Mistake("the learning rate is fixed at 1e-5: step by the lr "
                                    "argument", fixed_lr.detach())])
    got = found["returned"][0]
    if not isinstance(got, float) or not math.isclose(got, expected_loss, rel_tol=1e-5):
        raise Wrong(f"{what} should return the loss before the step, {expected_loss:.4f}.",
                    got=describe(got), section=EXAMPLE,
                    cause="loss_func is ignored: return loss_func(preds, speed).item()")


@check(points=2, description="run_sgd from coaster(42) at lr 1e-5 gives the book's losses, "
       "25823.8086 then 5435.5366 ... 676.9537")
def run_sgd_book_numbers(sub):
    sub.fn("run_sgd")
    time, speed, params = _start()
    steps = 1 + len(ref.LOOP_LOSSES)
    found = sub.probe("run_sgd_call", params, time, speed, ref.BOOK_LR, steps)
    expected = ref.run_sgd(params.clone().requires_grad_(), time, speed, ref.BOOK_LR, steps)
    what = (f"run_sgd(params, time, speed, lr=1e-5, steps={steps}) from coaster(42) (run with "
            "the reference apply_step)")
    got = found["returned"]
    book = "25823.8086, then the book's loop: " + ", ".join(f"{v:.4f}" for v in ref.LOOP_LOSSES)
    if not isinstance(got, list) or not all(isinstance(v, float) for v in got):
        raise Wrong(f"{what} should return a list of {steps} Python floats.", got=describe(got),
                    expected=book, section=EXAMPLE,
                    cause="nothing was returned: is a `return` missing?" if got is None else None,
                    hint="[apply_step(params, time, speed, lr, loss_func) for _ in range(steps)]")
    if len(got) != steps:
        raise Wrong(f"{what} returned {len(got)} losses; it must return one per step.",
                    expected=f"{steps} losses: {book}", got=describe(got), section=EXAMPLE)
    expect_tensor(torch.tensor(got), torch.tensor(expected), what=what, rtol=1e-5,
                  check_device=False, section=EXAMPLE, hint=f"the book's numbers: {book}",
                  mistakes=[Mistake("every run starts again from the start: apply_step must "
                                    "change the params it is given, in place",
                                    torch.full((steps,), expected[0]))])
    what = ("run_sgd(params, time, speed, lr=3e-6, steps=5, loss_func=<mse(...).sqrt()>) from "
            "coaster(42) (run with the reference apply_step)")
    found = sub.probe("run_sgd_call", params, time, speed, 3e-6, 5, "sqrt")
    expected = ref.run_sgd(params.clone().requires_grad_(), time, speed, 3e-6, 5, ref.rmse)
    got = found["returned"]
    if not isinstance(got, list) or len(got) != 5:
        raise Wrong(f"{what} should return 5 losses.", got=describe(got), section=EXAMPLE,
                    cause="steps is ignored: loop range(steps) times")
    expect_tensor(torch.tensor(got, dtype=torch.float32), torch.tensor(expected), what=what,
                  rtol=1e-5, check_device=False, section=EXAMPLE,
                  mistakes=[Mistake("loss_func is ignored: pass it on to apply_step", torch.tensor(
                      ref.run_sgd(params.clone().requires_grad_(), time, speed, 3e-6, 5))),
                            Mistake("lr is ignored (always 1e-5): pass it on to apply_step",
                                    torch.tensor(ref.run_sgd(params.clone().requires_grad_(),
                                                             time, speed, 1e-5, 5, ref.rmse)))])


# --- the sweep ----------------------------------------------------------------------------------


def _sweep_list(got, lrs, steps, what: str) -> list[list[float]]:
    if (not isinstance(got, list) or len(got) != len(lrs)
            or not all(isinstance(r, list) and len(r) == steps for r in got)):
        raise Wrong(f"{what} should return {len(lrs)} lists of {steps} losses, one list per "
                    "learning rate.", got=describe(got), section=STEPPING,
                    hint="[run_sgd(<a copy of params>, time, speed, lr, steps, loss_func) for lr "
                    "in lrs]")
    return got


def _chained(params, time, speed, lrs, steps):
    """The sweep when every run continues from where the previous one ended (one shared copy)."""
    p = params.clone().requires_grad_()
    return [ref.run_sgd(p, time, speed, lr, steps) for lr in lrs]


def _as_tensor(sweep) -> torch.Tensor:
    return torch.tensor(sweep, dtype=torch.float64)


@check(points=2, description="lr_sweep runs SGD from the same start for every learning rate and "
       "uses loss_func")
def lr_sweep_values(sub):
    sub.fn("lr_sweep")
    time, speed, params = _start()
    lrs, steps = list(ref.SWEEP_LRS), ref.SWEEP_STEPS
    what = ("lr_sweep(params, time, speed, [1e-6, 1e-5, 1e-4], 20) from coaster(42) (run with the "
            "reference run_sgd)")
    found = sub.probe("lr_sweep_call", params, time, speed, lrs, steps)
    got = _sweep_list(found["returned"], lrs, steps, what)
    expected = ref.lr_sweep(params, time, speed, lrs, steps)
    expect_tensor(_as_tensor(got), _as_tensor(expected), what=what, rtol=1e-4,
                  check_device=False, section=STEPPING,
                  hint="give each run its own copy: params.detach().clone().requires_grad_()",
                  mistakes=[Mistake("the runs share one copy of params, so each one starts where "
                                    "the previous one ended (orig_params.detach() is not a copy: "
                                    "it shares its numbers)",
                                    _as_tensor(_chained(params, time, speed, lrs, steps)))])
    if not torch.equal(found["params_after"], params) or not found["params_requires_grad"]:
        raise Wrong(f"{what} changed the params it was given.", got=describe(found["params_after"]),
                    expected=describe(params), section=STEPPING,
                    cause="the runs step the caller's tensor: copy it for every run")
    steps = 7
    what = f"lr_sweep(params, time, speed, [1e-5], {steps}, loss_func=<mse(...).sqrt()>)"
    found = sub.probe("lr_sweep_call", params, time, speed, [1e-5], steps, "sqrt")
    got = _sweep_list(found["returned"], [1e-5], steps, what)
    expected = ref.lr_sweep(params, time, speed, [1e-5], steps, ref.rmse)
    expect_tensor(_as_tensor(got), _as_tensor(expected), what=what, rtol=1e-4,
                  check_device=False, section=STEPPING,
                  mistakes=[Mistake("loss_func is ignored: pass it on to run_sgd",
                                    _as_tensor(ref.lr_sweep(params, time, speed, [1e-5], steps)))])


@check(points=1, description="plot_sweep draws one line of losses per learning rate")
def plot_sweep_lines(sub):
    sub.fn("plot_sweep")
    time, speed, params = _start()
    lrs = [1e-6, 1e-5]
    sweep = ref.lr_sweep(params, time, speed, lrs, 6)
    found = sub.probe("plot_call", sweep, lrs)
    what = "plot_sweep(sweep of 2 learning rates, 6 steps each, [1e-6, 1e-5])"
    if not found["found"]:
        raise Wrong(f"{what} drew no figure.", got=f"a {found['returned']}", section=STEPPING,
                    cause="return the Figure: fig, ax = plt.subplots(); ...; return fig")
    lines = found["lines"]
    for i, (losses, lr) in enumerate(zip(sweep, lrs, strict=True)):
        want = torch.tensor(losses, dtype=torch.float64)
        if not any(line["y"].shape == want.shape
                   and torch.allclose(line["y"], want, rtol=1e-4) for line in lines):
            shown = ", ".join(f"{len(line['y'])} points" for line in lines) or "no line"
            raise Wrong(f"{what}: no line shows the losses of learning rate {lr:g} "
                        f"(sweep[{i}]).", got=shown, section=STEPPING,
                        cause="one line per learning rate: for losses, lr in zip(sweep, lrs): "
                        "ax.plot(range(len(losses)), losses, label=...)")


# --- what the sweep shows -----------------------------------------------------------------------

WORDS = ("too small", "good", "diverges")

#: Each wrong choice and the misconception it stands for (the key points of the answer).
DIVERGES = {
    "a": "vanishing gradients stop a run; here the gradients grow with every step (look at "
         "params.grad): the loss reaches 1e29",
    "c": "more steps only make it worse: each step overshoots further than the one before",
    "d": "float32 holds numbers up to about 3e38; 25823.8 is no problem",
}
SQRT = {
    "a": "a square root has a gradient wherever the loss is above 0: 1 / (2 * sqrt(L)) times "
         "the gradient of L; the parameters do move, slowly",
    "b": "the same parameters give the same fit whatever the loss's scale; the square root "
         "changes the size of the steps, not how good the start is",
    "d": "the square root is taken of the MEAN of the squared errors, which is never negative",
}


@check(points=1, hidden=True, description="sweep_verdicts: what each learning rate of the "
       "sweep did in 20 steps")
def sweep_verdicts(sub):
    got = sub.fn("sweep_verdicts")()
    time, speed, params = _start()
    sweep = ref.lr_sweep(params, time, speed, ref.SWEEP_LRS, ref.SWEEP_STEPS)
    if not isinstance(got, dict):
        raise Wrong("sweep_verdicts() should return a dict {learning rate: word}.",
                    got=describe(got), section=STEPPING)
    for lr, losses in zip(ref.SWEEP_LRS, sweep, strict=True):
        word = next((v for k, v in got.items() if isinstance(k, (int, float))
                     and not isinstance(k, bool) and math.isclose(k, lr, rel_tol=1e-6)), None)
        right = ref.verdict(losses)
        if not isinstance(word, str) or word.strip().lower() != right:
            seen = (f"the loss went from {losses[0]:.1f} to {losses[-1]:.4g} in "
                    f"{ref.SWEEP_STEPS} steps (the best fit is about 677)")
            raise Wrong(f"sweep_verdicts() says {word!r} for the learning rate {lr:g}.",
                        expected=f"one of {', '.join(repr(w) for w in WORDS)}: look at the plot",
                        got=repr(word), cause=None if word not in WORDS else seen,
                        section=STEPPING)


def _letter(sub, name: str, right: str, wrong: dict, what: str):
    got = sub.fn(name)()
    letter = got.strip().lower().strip("()\"' ") if isinstance(got, str) else None
    if letter not in ("a", "b", "c", "d"):
        raise Wrong(f"{name}() should return one letter, \"a\", \"b\", \"c\" or \"d\".",
                    got=describe(got), section=STEPPING)
    if letter != right:
        raise Wrong(f"{name}(): {letter!r} is not why {what}.", cause=wrong[letter],
                    section=STEPPING, hint="print the losses and params.grad of the first few "
                    "steps of that run")


@check(points=1, hidden=True, description="why_it_diverges: why the loss grows at 1e-4")
def diverges_explained(sub):
    _letter(sub, "why_it_diverges", "b", DIVERGES, "1e-4 diverges")


@check(points=1, hidden=True, description="why_sqrt_is_slow: why the .sqrt() loss barely "
       "moves at 1e-5")
def sqrt_explained(sub):
    _letter(sub, "why_sqrt_is_slow", "c", SQRT, "the .sqrt() loss barely moves at 1e-5")
