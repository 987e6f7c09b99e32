"""grad_at writes out the derivative of x**2 (2*x) instead of asking autograd for f's."""

EXERCISE = "e02a_sgd_by_hand"
MUST_FAIL = {"grad_at_values": ["2*x whatever f is"]}


def grad_at(f, x):
    return 2 * x
