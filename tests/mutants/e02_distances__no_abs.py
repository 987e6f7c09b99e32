"""mnist_distance without abs(): the signed differences cancel out."""

EXERCISE = "e02_distances"
MUST_FAIL = {
    'mnist_distance_batch': ['absolute value is missing'],
    'mnist_distance_single': ['absolute value'],
    'accuracy_real_data': ['your mnist_distance', 'absolute value is missing'],
}


def mnist_distance(a, b):
    return (a - b).mean((-1, -2))
