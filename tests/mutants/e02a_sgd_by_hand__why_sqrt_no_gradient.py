"""why_sqrt_is_slow says a square root has no gradient: it has, only smaller."""

EXERCISE = "e02a_sgd_by_hand"
MUST_FAIL = {"sqrt_explained": ["has a gradient"]}


def why_sqrt_is_slow():
    return "a"
