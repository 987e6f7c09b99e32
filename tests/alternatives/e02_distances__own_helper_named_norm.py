"""A helper of the student's own called `norm` (and one called `dist`): the stub forbids PyTorch's
torch.norm and torch.dist, not a name. (The grader that read the code's names refused this.)"""

EXERCISE = "e02_distances"


def norm(diff, p):
    """The mean of |diff| ** p over the last two axes, then its p-th root."""
    return (diff.abs() ** p).mean((-1, -2)) ** (1 / p)


def dist(a, b, p=1):
    return norm(a - b, p)


def mnist_distance(a, b):
    return dist(a, b)


def rmse_distance(a, b):
    return dist(a, b, p=2)
