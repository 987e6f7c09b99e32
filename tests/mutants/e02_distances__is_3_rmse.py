"""is_3 uses rmse_distance instead of the book's mnist_distance (L1)."""

EXERCISE = "e02_distances"
MUST_FAIL = {'accuracy_real_data': ['RMSE']}


def is_3(x, mean3, mean7):
    return rmse_distance(x, mean3) < rmse_distance(x, mean7)  # noqa: F821
