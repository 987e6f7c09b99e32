"""grad_at forgets requires_grad_(): backward() finds nothing to differentiate."""

EXERCISE = "e02a_sgd_by_hand"
MUST_FAIL = {"grad_at_values": ["requires_grad_() is missing"]}


def grad_at(f, x):
    xt = x.detach().clone()
    f(xt).backward()
    return xt.grad
