"""why_not_accuracy says the accuracy's gradient is small: it is 0."""

EXERCISE = "e03a_accuracy_as_loss"
MUST_FAIL = {"why_not_accuracy": ["it is 0"]}


def why_not_accuracy():
    return "c"
