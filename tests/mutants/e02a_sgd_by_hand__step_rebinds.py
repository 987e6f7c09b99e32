"""apply_step rebinds the name params to a new tensor: the caller's params never change."""

EXERCISE = "e02a_sgd_by_hand"
MUST_FAIL = {"apply_step_values": ["params did not change"]}


def apply_step(params, time, speed, lr, loss_func=mse):  # noqa: F821 - the solution's mse
    loss = loss_func(f(time, params), speed)  # noqa: F821
    loss.backward()
    params = params.detach() - lr * params.grad
    return loss.item()
