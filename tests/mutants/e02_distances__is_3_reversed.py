"""is_3 calls a 3 what is closer to the mean 7: the comparison is reversed."""

EXERCISE = "e02_distances"
MUST_FAIL = {'is_3_values': ['reversed'], 'accuracy_real_data': ['reversed']}


def is_3(x, mean3, mean7):
    return mnist_distance(x, mean3) > mnist_distance(x, mean7)  # noqa: F821
