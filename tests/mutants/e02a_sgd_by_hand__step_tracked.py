"""apply_step changes params in place while autograd records (no .data, no torch.no_grad())."""

EXERCISE = "e02a_sgd_by_hand"
MUST_FAIL = {"apply_step_values": ["while autograd was recording"]}


def apply_step(params, time, speed, lr, loss_func=mse):  # noqa: F821 - the solution's mse
    loss = loss_func(f(time, params), speed)  # noqa: F821
    loss.backward()
    params -= lr * params.grad
    params.grad = None
    return loss.item()
