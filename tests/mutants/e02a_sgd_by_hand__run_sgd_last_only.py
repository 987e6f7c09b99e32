"""run_sgd returns only the last loss."""

EXERCISE = "e02a_sgd_by_hand"
MUST_FAIL = {"run_sgd_book_numbers": ["list of 11 Python floats"]}


def run_sgd(params, time, speed, lr, steps, loss_func=mse):  # noqa: F821 - the solution's mse
    for _ in range(steps):
        loss = apply_step(params, time, speed, lr, loss_func)  # noqa: F821
    return loss
