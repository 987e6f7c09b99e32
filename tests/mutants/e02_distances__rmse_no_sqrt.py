"""rmse_distance without the square root: the mean squared error."""

EXERCISE = "e02_distances"
MUST_FAIL = {'rmse_distance_values': ['square root is missing']}


def rmse_distance(a, b):
    return ((a - b) ** 2).mean((-1, -2))
