"""Exercise 6's metadata, its book sections and tolerances, shared by the modules of its checks."""

from __future__ import annotations

from autograder.core.exercise import Exercise

PIXELS = "Pixels: The Foundations of Computer Vision"
VALIDATION = "Validation Sets and Test Sets (chapter 1)"
SIMILARITY = "First Try: Pixel Similarity"
LOSS = "The MNIST Loss Function"
SOFTMAX = "Softmax (chapter 5)"
LOG = "Taking the Log (chapter 5)"
LIKELIHOOD = "Log Likelihood (chapter 5)"
NONLINEAR = "Adding a Nonlinearity"
LOOP = "Putting It All Together"
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
        "Take the chapter's steps in order, for ten digits. load_digits: digits 0 to 9, each "
        "folder's files sorted by name, float32 [N, 784] in [0, 1] and int64 [N] digits. "
        "split_valid: one seeded permutation for x and y. The baseline: ten mean images and "
        "argmin over a [N, 10] table of distances. softmax and log_softmax work on the LAST "
        "axis (the ten classes) with keepdim=True, after subtracting each row's maximum (so "
        "that exp never overflows); cross_entropy picks one log-probability per row, the right "
        "digit's. Keep shapes in mind: preds [N, 10], targets int64 [N].",
        "load_digits: sorted((folder / str(digit)).glob('*.png')) for digit in range(10); "
        "torch.stack([torch.tensor(np.array(Image.open(f))) for f in files]).float() / 255, "
        ".view(-1, 28*28). split_valid: torch.randperm(len(x), generator=torch.Generator()"
        ".manual_seed(seed)); the first int(valid_pct * len(x)) rows are the validation set. "
        "Distances: x[:, None] - means[None] is [N, 10, 784]; average over the last axis. "
        "softmax: m = x.max(dim=-1, keepdim=True).values; e = torch.exp(x - m); "
        "e / e.sum(dim=-1, keepdim=True). log_softmax: x - m - torch.exp(x - m).sum(dim=-1, "
        "keepdim=True).log(). multiclass_accuracy: (preds.argmax(dim=1) == targets).float()"
        ".mean().",
        "split_valid: valid, train = order[:cut], order[cut:]; return x[train], y[train], "
        "x[valid], y[valid]. digit_means: torch.stack([x[y == d].mean(0) for d in range(10)]). "
        "l1_distance: (x[:, None] - means[None]).abs().mean(-1); sq_distance: the same with "
        "** 2 instead of .abs(). mean_image_accuracy: (distance(x, means).argmin(dim=1) == y)"
        ".float().mean().item(). "
        "cross_entropy: -log_softmax(preds)[torch.arange(len(targets)), targets].mean(). "
        "make_ten_digit_net: nn.Sequential(nn.Linear(784, n_hidden), nn.ReLU(), "
        "nn.Linear(n_hidden, 10)). train_ten_digits: for each batch, loss.backward(), then "
        "inside torch.no_grad(): p -= p.grad * lr and p.grad.zero_() for every parameter.",
    ],
    forbid={"torch.nn.functional.cross_entropy": _WHOLE_LOSS,
            "torch.nn.functional.nll_loss": _WHOLE_LOSS},
)
check = EXERCISE.check
