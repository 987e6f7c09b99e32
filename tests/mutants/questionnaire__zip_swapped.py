"""q26: the zip order is swapped: (label, input) pairs."""
EXERCISE = "questionnaire"
MUST_FAIL = {"pair_up": ["swapped"]}


def pair_up(xs, ys):
    return list(zip(ys, xs))
