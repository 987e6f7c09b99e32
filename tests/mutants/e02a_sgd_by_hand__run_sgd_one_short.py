"""run_sgd takes one step too few (range(steps - 1))."""

EXERCISE = "e02a_sgd_by_hand"
MUST_FAIL = {"run_sgd_book_numbers": ["returned 10 losses"]}


def run_sgd(params, time, speed, lr, steps, loss_func=mse):  # noqa: F821 - the solution's mse
    return [apply_step(params, time, speed, lr, loss_func) for _ in range(steps - 1)]  # noqa: F821
