"""The average is weighted by the image counts instead of the book's plain mean."""

EXERCISE = "e02_distances"
MUST_FAIL = {'accuracy_values': ['plain mean'], 'accuracy_real_data': ['plain mean']}


def pixel_similarity_accuracy(valid_3, valid_7, mean3, mean7):
    acc_3 = is_3(valid_3, mean3, mean7).float().mean().item()  # noqa: F821
    acc_7 = (1 - is_3(valid_7, mean3, mean7).float()).mean().item()  # noqa: F821
    n3, n7 = len(valid_3), len(valid_7)
    return acc_3, acc_7, (n3 * acc_3 + n7 * acc_7) / (n3 + n7)
