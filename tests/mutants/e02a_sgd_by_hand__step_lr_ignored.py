"""apply_step steps by the whole gradient: the learning rate is never used."""

EXERCISE = "e02a_sgd_by_hand"
MUST_FAIL = {"apply_step_values": ["learning rate is ignored"]}


def apply_step(params, time, speed, lr, loss_func=mse):  # noqa: F821 - the solution's mse
    loss = loss_func(f(time, params), speed)  # noqa: F821
    loss.backward()
    params.data -= params.grad.data
    params.grad = None
    return loss.item()
