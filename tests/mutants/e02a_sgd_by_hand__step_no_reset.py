"""apply_step never resets the gradient: the second backward() adds to the first one's."""

EXERCISE = "e02a_sgd_by_hand"
MUST_FAIL = {"apply_step_values": ["not reset"]}


def apply_step(params, time, speed, lr, loss_func=mse):  # noqa: F821 - the solution's mse
    loss = loss_func(f(time, params), speed)  # noqa: F821
    loss.backward()
    params.data -= lr * params.grad.data
    return loss.item()
