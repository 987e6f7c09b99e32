"""apply_step steps by the book's lr = 1e-5 whatever lr it is given."""

EXERCISE = "e02a_sgd_by_hand"
MUST_FAIL = {"apply_step_values": ["fixed at 1e-5"]}


def apply_step(params, time, speed, lr, loss_func=mse):  # noqa: F821 - the solution's mse
    lr = 1e-5
    loss = loss_func(f(time, params), speed)  # noqa: F821
    loss.backward()
    params.data -= lr * params.grad.data
    params.grad = None
    return loss.item()
