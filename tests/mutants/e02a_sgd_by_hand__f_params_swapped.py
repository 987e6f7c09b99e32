"""f unpacks the parameters in the wrong order (c, b, a)."""

EXERCISE = "e02a_sgd_by_hand"
MUST_FAIL = {"f_and_mse": ["wrong order"]}


def f(t, params):
    c, b, a = params
    return a * (t**2) + (b * t) + c
