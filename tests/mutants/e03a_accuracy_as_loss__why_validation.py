"""why_not_accuracy blames the validation set."""

EXERCISE = "e03a_accuracy_as_loss"
MUST_FAIL = {"why_not_accuracy": ["the problem is its gradient"]}


def why_not_accuracy():
    return "a"
