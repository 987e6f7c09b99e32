"""apply_step returns the loss tensor (the book prints loss.item())."""

EXERCISE = "e02a_sgd_by_hand"
MUST_FAIL = {"apply_step_values": [".item()"]}


def apply_step(params, time, speed, lr, loss_func=mse):  # noqa: F821 - the solution's mse
    loss = loss_func(f(time, params), speed)  # noqa: F821
    loss.backward()
    params.data -= lr * params.grad.data
    params.grad = None
    return loss.detach()
