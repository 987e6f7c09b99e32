"""mnist_distance averages over axes (1, 2): right for a stack, IndexError for one image."""

EXERCISE = "e02_distances"
MUST_FAIL = {'mnist_distance_single': ['mean((-1, -2))', 'axes 1 and 2']}


def mnist_distance(a, b):
    return (a - b).abs().mean((1, 2))
