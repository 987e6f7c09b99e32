"""rmse_distance with abs() instead of squaring the differences."""

EXERCISE = "e02_distances"
MUST_FAIL = {'rmse_distance_values': ['abs() instead of squaring']}


def rmse_distance(a, b):
    return (a - b).abs().mean((-1, -2)).sqrt()
