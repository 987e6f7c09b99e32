"""grad_at reads .grad without calling backward(): it is still None."""

EXERCISE = "e02a_sgd_by_hand"
MUST_FAIL = {"grad_at_values": ["backward() was not called"]}


def grad_at(f, x):
    xt = x.detach().clone().requires_grad_()
    f(xt)
    return xt.grad
