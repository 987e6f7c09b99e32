"""PyTorch's errors that the book's training-loop mistakes raise, named as those mistakes.

A ``train_epoch`` that steps ``p -= ...`` inside autograd, or calls ``backward()`` again on the loss
that ``calc_grad`` already back-propagated, makes PyTorch raise an error whose text says what broke
but not why. :func:`named_errors` turns those errors, raised by the student's code during a check,
into a :class:`~autograder.core.feedback.Wrong` that keeps PyTorch's words and adds the cause.
Any other exception goes on to the runner unchanged.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from autograder.core.feedback import Wrong, where_in_student_code

#: (words of PyTorch's or Python's message, the mistake behind them), most specific first.
KNOWN = [
    ("leaf Variable that requires grad is being used in an in-place operation",
     "the step runs inside autograd on a parameter that requires grad (`p -= lr * p.grad`): "
     "update p.data (`p.data -= p.grad * lr`), or step under `with torch.no_grad():`"),
    ("backward through the graph a second time",
     "backward() ran twice on the same loss: calc_grad already calls loss.backward(), so the code "
     "around it must not call it again"),
    ("object has no attribute 'zero_grad'",
     "model.zero_grad() exists only on an nn.Module, and the book's model is a plain function; "
     "besides, calc_grad must only ADD this batch's gradient: clearing gradients is the job of "
     "the code that steps the parameters"),
    ("'NoneType' object has no attribute 'zero_'",
     "p.grad is None before the first backward() (and after p.grad = None): clear it with "
     "`p.grad = None`, or test `if p.grad is not None` before p.grad.zero_()"),
    ("'NoneType'",
     "a parameter's .grad is None where the step uses it: no backward() reached it (calc_grad "
     "must call loss.backward()), or it was set to None and not computed again"),
    ("does not require grad and does not have a grad_fn",
     "the loss does not depend on the parameters through autograd (a comparison, .item(), "
     "or parameters created without requires_grad_())"),
]


def cause_of(err: BaseException) -> str | None:
    """The mistake behind ``err``'s message, or None when it is not a known one."""
    text = str(err)
    return next((cause for words, cause in KNOWN if words in text), None)


@contextmanager
def named_errors(sub, what: str, section: str) -> Iterator[None]:
    """Run the block; a known error of the student's code becomes a :class:`Wrong` that says
    ``what`` raised it, where in the student's file, PyTorch's first line, and the cause."""
    try:
        yield
    except (RuntimeError, TypeError, AttributeError) as err:
        cause = cause_of(err)
        if cause is None or not hasattr(err, "student_frames"):
            raise
        where = where_in_student_code(err, str(Path(sub.path).resolve()))
        first = (str(err).strip().splitlines() or [""])[0]
        if len(first) > 160 and ". " in first:  # PyTorch's advice follows its first sentence
            first = first[:first.index(". ") + 1]
        raise Wrong(f"{what} raised {getattr(err, 'student_type', type(err).__name__)}: {first}"
                    + (f"\n  at {where}" if where else ""),
                    cause=cause, section=section) from None
