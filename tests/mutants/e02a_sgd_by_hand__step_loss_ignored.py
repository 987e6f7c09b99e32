"""apply_step always uses mse, whatever loss_func it is given."""

EXERCISE = "e02a_sgd_by_hand"
MUST_FAIL = {"apply_step_values": ["loss_func is ignored"]}


def apply_step(params, time, speed, lr, loss_func=mse):  # noqa: F821 - the solution's mse
    loss = mse(f(time, params), speed)  # noqa: F821
    loss.backward()
    params.data -= lr * params.grad.data
    params.grad = None
    return loss.item()
