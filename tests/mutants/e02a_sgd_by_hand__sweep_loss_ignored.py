"""lr_sweep does not pass loss_func on: every run uses mse."""

EXERCISE = "e02a_sgd_by_hand"
MUST_FAIL = {"lr_sweep_values": ["loss_func is ignored"]}


def lr_sweep(params, time, speed, lrs, steps, loss_func=mse):  # noqa: F821 - the solution's mse
    return [run_sgd(params.detach().clone().requires_grad_(), time, speed, lr, steps)  # noqa: F821
            for lr in lrs]
