"""The training check: the student's network and loop on real digits against the reference's
(see the package's docstring for the settings and the margin)."""

from __future__ import annotations

import hashlib

import torch
import torch.nn.functional as F

from autograder.checks.common import SEED, context, device, raised_by_student, ten_digit_data
from autograder.checks.e05_simple_net import as_book, book_roles, from_book, trained_values
from autograder.checks.e06_ten_digits.accuracy import accuracy_inputs
from autograder.checks.e06_ten_digits.cross_entropy import (
    bounded_loss_cause,
    loss_inputs,
    loss_mistakes,
)
from autograder.checks.e06_ten_digits.exercise import DEEPER, LOOP, NONLINEAR, RTOL, check
from autograder.checks.e06_ten_digits.inputs import named, same, ten_digits_in, valid_subset
from autograder.checks.e06_ten_digits.loop import (
    CONTRACT_BATCHES,
    STEP_RUN,
    contract_data,
    sgd_replays,
)
from autograder.checks.e06_ten_digits.network import build_net, expect_logits
from autograder.core.feedback import Mistake, Wrong, describe, where_in_student_code
from autograder.render.curves import with_curve
from mnist_ref import multiclass as ref
from mnist_ref import simple_net
from mnist_ref.learner import Learner
from mnist_ref.linear import BasicOptim
from mnist_ref.loaders import TensorLoader, make_loaders

EPOCHS, LR, BATCH, VALID_BATCH = 3, 0.1, 64, 500
MARGIN, FLOOR = 0.02, 0.5


def _ten_loaders(data):
    valid_x, valid_y = valid_subset(data)
    dls = make_loaders(data.train_x, data.train_y, valid_x, valid_y, BATCH, SEED)
    dls.valid = TensorLoader(valid_x, valid_y, batch_size=VALID_BATCH)
    return dls


_REFERENCE_RUNS: dict[tuple, float] = {}


def _reference_accuracy(data, start) -> float:
    """The reference network, from the book-layout ``start`` weights, trained here by the
    reference loop: its accuracy on the validation digits (kept per data and start)."""
    digest = hashlib.sha256(b"".join(t.detach().cpu().numpy().tobytes() for t in start))
    key = (data.variant, str(data.path), digest.hexdigest())
    if key not in _REFERENCE_RUNS:
        n_hidden = start[0].shape[1]
        model = simple_net.make_simple_net(784, n_hidden, 10).to(device())
        values = [p for p in model.parameters()]
        roles = book_roles([v.shape for v in values], 784, n_hidden, 10)
        with torch.no_grad():
            for p, v in zip(values, from_book(start, roles), strict=True):
                p.copy_(v)
        Learner(_ten_loaders(data), model, BasicOptim, ref.cross_entropy,
                ref.multiclass_accuracy).fit(EPOCHS, LR)
        _REFERENCE_RUNS[key] = _accuracy(data, as_book([p.detach() for p in values], roles))
    return _REFERENCE_RUNS[key]


def _accuracy(data, params) -> float:
    """The reference network with book-layout ``params`` on the validation digits."""
    valid_x, valid_y = valid_subset(data)
    with torch.no_grad():
        return ref.multiclass_accuracy(simple_net.simple_net(valid_x, *params), valid_y).item()


def _training_cause(sub) -> str | None:
    """Why the student's training falls behind the reference's: their ``cross_entropy`` (with
    their own softmax and log_softmax, as their loop uses it) or their loop's step (the
    contract's moving run), named when a known mistake matches; None when both are right."""
    preds, targets = loss_inputs()
    got = sub.fn("cross_entropy")(preds, targets)
    expected = F.cross_entropy(preds, targets)
    if not (isinstance(got, torch.Tensor) and got.shape == expected.shape
            and same(got, expected)):
        known = named(got, loss_mistakes(preds, targets)) or bounded_loss_cause(sub)
        return ("the loss your loop minimises, your cross_entropy, is not cross-entropy: " + (
            known or f"it gives {describe(got)} where F.cross_entropy gives {expected.item():.6g} "
                     "(cross_entropy_values says more)"))
    preds, targets = accuracy_inputs()
    got = sub.fn("multiclass_accuracy")(preds, targets)
    expected = ref.multiclass_accuracy(preds, targets)
    number = (isinstance(got, torch.Tensor) and got.numel() == 1) or (
        isinstance(got, (int, float)) and not isinstance(got, bool))
    if not (number and abs(float(got) - float(expected)) < 1e-4):
        return ("the accuracy your loop measures, your multiclass_accuracy, is not the fraction "
                "right: " + (named(got, [Mistake(
                    "argmax over dim 0 (the batch): the classes are dim 1",
                    (preds.argmax(dim=0) == targets).float().mean())])
                    or "multiclass_accuracy_values says more"))
    weight, bias, data = contract_data()
    epochs, lr = STEP_RUN
    result = sub.probe("loop_contract", weight, bias, data, list(CONTRACT_BATCHES), epochs, lr)
    values = result.get("parameters") if isinstance(result, dict) else None
    if not (isinstance(values, list) and len(values) == 2
            and all(isinstance(v, torch.Tensor) for v in values)):
        return None
    got = torch.cat([values[0].to(device()).flatten(), values[1].to(device())])
    expected, mistakes, _ = sgd_replays(weight, bias, data)
    if got.shape == expected.shape and torch.allclose(got, expected, rtol=RTOL, atol=1e-6):
        return None
    return ("your loop's step is not plain SGD: " + (
        named(got, mistakes) or "the parameters after a few steps differ from p -= lr * p.grad "
                                 "(train_loop_contract says more)"))


def _name_student_error(sub, err: Exception) -> None:
    """When the student's code raised ``err`` during training (not the stub's
    ``NotImplementedError``, not a worker that ended), a :class:`Wrong` that adds the piece
    whose mistake explains it, if one is found; else nothing (``err`` is reported as it is)."""
    if not raised_by_student(err):
        return
    cause = _training_cause(sub)
    if cause is None:
        return
    where = where_in_student_code(err, sub.path)
    name = getattr(err, "student_type", type(err).__name__)
    raise Wrong(f"training raised {name}: {err}" + (f"\n  at {where}" if where else ""),
                cause=cause, section=LOOP,
                hint="the other checks of this exercise test each piece alone") from None


def _last_reported(history):
    """The accuracy the loop reported for its last epoch, when it reported one it can be read."""
    if isinstance(history, torch.Tensor) and history.numel() >= 1:
        return float(history.flatten()[-1])
    if isinstance(history, (int, float)) and not isinstance(history, bool):
        return float(history)
    if isinstance(history, (list, tuple)) and history:
        last = history[-1]
        if isinstance(last, torch.Tensor) and last.numel() == 1:
            return float(last)
        if isinstance(last, (int, float)) and not isinstance(last, bool):
            return float(last)
    return None


@check(points=2, description="your network and loop learn the ten digits as well as the reference "
       "network and loop do from the same start", timeout=60)
def ten_digits_trains(sub):
    sub.fn("make_ten_digit_net")
    sub.fn("train_ten_digits")
    data = ten_digit_data()
    model, roles, start, call = build_net(sub, None, NONLINEAR)
    expect_logits(model, start, call, NONLINEAR, centred=True,
                   hint="ten_digit_net_shape says more: the network is trained and measured as "
                        "Linear -> ReLU -> Linear with nothing after the last layer")
    valid_x, valid_y = valid_subset(data)
    settings = (f"{EPOCHS} epochs, lr {LR}, batches of {BATCH}, {len(valid_y)} validation digits "
                f"spread over the validation set; {context(data)}")
    what = (f"the model after train_ten_digits(make_ten_digit_net(), dls, {EPOCHS}, {LR}) "
            "(accuracy measured by the grader)")
    shipped = ten_digits_in(sub, "train_ten_digits")
    try:
        result = sub.probe("train", model, shipped, EPOCHS, LR, BATCH, SEED, VALID_BATCH)
    except Exception as err:  # noqa: BLE001 - only the student's own exceptions are named here
        _name_student_error(sub, err)
        raise
    trained = as_book(trained_values(result, from_book(start, roles), what), roles)
    yours = _accuracy(data, trained)
    reference = _reference_accuracy(data, start)
    if yours < FLOOR:
        raise with_curve(Wrong(f"{what}: validation accuracy {yours:.4f}, below {FLOOR} (chance is 0.1; the "
                    f"reference loop reaches {reference:.4f} from the same start) ({settings}).",
                    cause=_training_cause(sub) or "the model does not learn: check the loss (the "
                    "loop must minimise your cross_entropy), the update p -= lr * p.grad, and "
                    "that the gradients are zeroed after each step", section=DEEPER,
                    hint="the other checks of this exercise test each piece alone"),
            result.get("history"), chance=0.1)
    if yours < reference - MARGIN:
        raise with_curve(Wrong(f"{what}: validation accuracy {yours:.4f}, below the {reference:.4f} that the "
                    f"reference network and loop reach from the same initial weights, minus "
                    f"{MARGIN} ({settings}).", cause=_training_cause(sub) or "the training "
                    "differs from the reference's: gradients not zeroed after each step, a loss "
                    "other than the book's cross-entropy, or an update other than "
                    "p -= lr * p.grad", section=LOOP,
                    hint="the other checks of this exercise test each piece alone"),
            result.get("history"), chance=0.1)
    reported = _last_reported(result.get("history"))
    if reported is not None and abs(reported - yours) > 2 / len(valid_y) + 1e-3:
        raise Wrong(f"train_ten_digits reported a validation accuracy of {reported:.4f} after the "
                    f"last epoch, but the model it trained scores {yours:.4f} on those same "
                    f"validation digits ({settings}).",
                    cause="the accuracy returned is not the one of the trained model on "
                    "dls.valid: measure multiclass_accuracy(model(xb), yb) over dls.valid after "
                    "each epoch", section=LOOP)
