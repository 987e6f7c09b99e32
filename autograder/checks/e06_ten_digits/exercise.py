"""Exercise 6's metadata, its book sections and tolerances, shared by the modules of its checks."""

from __future__ import annotations

from autograder.core.exercise import Exercise

LOSS = "The MNIST Loss Function"
SOFTMAX = "Softmax (chapter 5)"
LOG = "Taking the Log (chapter 5)"
LIKELIHOOD = "Log Likelihood (chapter 5)"
NONLINEAR = "Adding a Nonlinearity"
SGD = "Stochastic Gradient Descent (SGD)"
DEEPER = "Going Deeper"


RTOL, ATOL = 1e-4, 1e-5  # values (float32 rounding); accuracies are compared within 1e-4

_WHOLE_LOSS = ("this exercise is to write cross-entropy yourself: F.cross_entropy and F.nll_loss "
               "(which nn.CrossEntropyLoss and nn.NLLLoss call) are what you are writing. Your "
               "own log_softmax, or torch.log_softmax, is fine")

EXERCISE = Exercise(
    stem="e06_ten_digits",
    title="Exercise 6: all ten digits",
    section=LOSS,
    hints=[
        "softmax and log_softmax work on the LAST axis (the ten classes) with keepdim=True, after "
        "subtracting each row's maximum (so that exp never overflows); cross_entropy picks one "
        "log-probability per row, the right digit's. Keep shapes in mind: preds [N, 10], "
        "targets int64 [N].",
        "softmax: m = x.max(dim=-1, keepdim=True).values; e = torch.exp(x - m); "
        "e / e.sum(dim=-1, keepdim=True). log_softmax: x - m - torch.exp(x - m).sum(dim=-1, "
        "keepdim=True).log(). multiclass_accuracy: (preds.argmax(dim=1) == targets).float()"
        ".mean().",
        "cross_entropy: -log_softmax(preds)[torch.arange(len(targets)), targets].mean(). "
        "make_ten_digit_net: nn.Sequential(nn.Linear(784, n_hidden), nn.ReLU(), "
        "nn.Linear(n_hidden, 10)). train_ten_digits: for each batch, loss.backward(), then "
        "inside torch.no_grad(): p -= p.grad * lr and p.grad.zero_() for every parameter.",
    ],
    forbid={"torch.nn.functional.cross_entropy": _WHOLE_LOSS,
            "torch.nn.functional.nll_loss": _WHOLE_LOSS},
)
check = EXERCISE.check
