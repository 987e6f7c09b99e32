"""The accuracies are returned as tensors, as the book prints them (no .item())."""

EXERCISE = "e02_distances"
MUST_FAIL = {'accuracy_values': ['.item()'], 'accuracy_real_data': ['.item()']}


def pixel_similarity_accuracy(valid_3, valid_7, mean3, mean7):
    acc_3 = is_3(valid_3, mean3, mean7).float().mean()  # noqa: F821
    acc_7 = (1 - is_3(valid_7, mean3, mean7).float()).mean()  # noqa: F821
    return acc_3, acc_7, (acc_3 + acc_7) / 2
