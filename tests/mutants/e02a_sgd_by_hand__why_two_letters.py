"""why_it_diverges hedges with two letters."""

EXERCISE = "e02a_sgd_by_hand"
MUST_FAIL = {"diverges_explained": ["one letter"]}


def why_it_diverges():
    return "ab"
