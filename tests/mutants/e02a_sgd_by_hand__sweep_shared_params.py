"""lr_sweep makes one copy with the book's .detach() (which shares its numbers) for every run:
each run starts where the previous one ended, and the caller's params change."""

EXERCISE = "e02a_sgd_by_hand"
MUST_FAIL = {"lr_sweep_values": ["share one copy"]}


def lr_sweep(params, time, speed, lrs, steps, loss_func=mse):  # noqa: F821 - the solution's mse
    p = params.detach().requires_grad_()
    return [run_sgd(p, time, speed, lr, steps, loss_func) for lr in lrs]  # noqa: F821
