"""nudge changes the weight in place while autograd records (no torch.no_grad())."""

EXERCISE = "e03a_accuracy_as_loss"
MUST_FAIL = {"nudge_in_place": ["torch.no_grad()"]}


def nudge(weights, index, factor):
    weights[index] *= factor
