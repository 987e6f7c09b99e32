"""grad_at calls requires_grad_() on the caller's tensor instead of a copy."""

EXERCISE = "e02a_sgd_by_hand"
MUST_FAIL = {"grad_at_values": ["made the caller's x track gradients"]}


def grad_at(f, x):
    x.requires_grad_()
    f(x).backward()
    return x.grad
