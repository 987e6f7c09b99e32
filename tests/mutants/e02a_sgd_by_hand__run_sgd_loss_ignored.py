"""run_sgd does not pass loss_func on to apply_step."""

EXERCISE = "e02a_sgd_by_hand"
MUST_FAIL = {"run_sgd_book_numbers": ["loss_func is ignored"]}


def run_sgd(params, time, speed, lr, steps, loss_func=mse):  # noqa: F821 - the solution's mse
    return [apply_step(params, time, speed, lr) for _ in range(steps)]  # noqa: F821
