"""cross_entropy indexes log_probs[targets]: whole rows numbered by the targets."""

EXERCISE = "e06_ten_digits"
MUST_FAIL = {"cross_entropy_values": ["whole rows"], "cross_entropy_gradient": ["whole rows"],
             "ten_digits_trains": ["whole rows"]}


def cross_entropy(preds, targets):
    return -log_softmax(preds)[targets].mean()  # noqa: F821 - the solution's log_softmax
