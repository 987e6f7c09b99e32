"""q26: returns the example's answer whatever the arguments."""
EXERCISE = "questionnaire"
MUST_FAIL = {"pair_up": ["only for the question's example"]}


def pair_up(xs, ys):
    return [(1, "a"), (2, "b"), (3, "c"), (4, "d")]
