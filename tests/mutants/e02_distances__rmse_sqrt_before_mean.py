"""rmse_distance takes the square root before the mean (that is |a - b|: L1)."""

EXERCISE = "e02_distances"
MUST_FAIL = {'rmse_distance_values': ['before the mean']}


def rmse_distance(a, b):
    return ((a - b) ** 2).sqrt().mean((-1, -2))
