"""mnist_distance averages over the last axis only: [N, 28] instead of [N]."""

EXERCISE = "e02_distances"
MUST_FAIL = {
    'mnist_distance_batch': ['last axis only'],
    'mnist_distance_single': ['last axis only'],
    'accuracy_real_data': ['your mnist_distance', 'last axis only'],
}


def mnist_distance(a, b):
    return (a - b).abs().mean(-1)
