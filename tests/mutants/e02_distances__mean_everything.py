"""mnist_distance takes mean() over everything: a stack gives one number, not [N]."""

EXERCISE = "e02_distances"
MUST_FAIL = {
    'mnist_distance_batch': ['mean() without axes'],
    'accuracy_real_data': ['your mnist_distance', 'mean() without axes'],
}


def mnist_distance(a, b):
    return (a - b).abs().mean()
