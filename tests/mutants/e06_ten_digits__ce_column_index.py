"""cross_entropy indexes log_probs[:, targets]: an [N, N] table instead of one value per row."""

EXERCISE = "e06_ten_digits"
MUST_FAIL = {"cross_entropy_values": ["[N, N]"], "cross_entropy_gradient": ["[N, N]"],
             "ten_digits_trains": ["below", "[N, N]"]}


def cross_entropy(preds, targets):
    return -log_softmax(preds)[:, targets].mean()  # noqa: F821 - the solution's log_softmax
