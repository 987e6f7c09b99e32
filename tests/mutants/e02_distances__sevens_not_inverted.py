"""The accuracy on the 7s counts the 7s called a 3 (is_3 used directly)."""

EXERCISE = "e02_distances"
MUST_FAIL = {'accuracy_values': ['NOT call a 3'], 'accuracy_real_data': ['NOT call a 3']}


def pixel_similarity_accuracy(valid_3, valid_7, mean3, mean7):
    acc_3 = is_3(valid_3, mean3, mean7).float().mean().item()  # noqa: F821
    acc_7 = is_3(valid_7, mean3, mean7).float().mean().item()  # noqa: F821
    return acc_3, acc_7, (acc_3 + acc_7) / 2
