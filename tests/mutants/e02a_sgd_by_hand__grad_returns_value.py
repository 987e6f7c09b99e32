"""grad_at returns f(x), the value, instead of the gradient backward() put in x's .grad."""

EXERCISE = "e02a_sgd_by_hand"
MUST_FAIL = {"grad_at_values": ["value, not its gradient"]}


def grad_at(f, x):
    xt = x.detach().clone().requires_grad_()
    yt = f(xt)
    yt.backward()
    return yt
