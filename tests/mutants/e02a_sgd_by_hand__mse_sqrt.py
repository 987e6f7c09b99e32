"""mse with .sqrt(): the RMSE, the variant the sweep shows barely moving at 1e-5."""

EXERCISE = "e02a_sgd_by_hand"
MUST_FAIL = {"f_and_mse": ["RMSE"]}


def mse(preds, targets):
    return ((preds - targets) ** 2).mean().sqrt()
