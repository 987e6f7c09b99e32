"""q26: returns the zip object itself, not a list."""
EXERCISE = "questionnaire"
MUST_FAIL = {"pair_up": ["zip object", "list("]}


def pair_up(xs, ys):
    return zip(xs, ys)
