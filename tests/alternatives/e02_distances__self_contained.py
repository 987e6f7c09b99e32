"""is_3 computes its L1 distances itself; the accuracy compares is_3 with the expected answer."""
EXERCISE = "e02_distances"


def is_3(x, mean3, mean7):
    return (x - mean3).abs().mean((-1, -2)) < (x - mean7).abs().mean((-1, -2))


def pixel_similarity_accuracy(valid_3, valid_7, mean3, mean7):
    right_3 = is_3(valid_3, mean3, mean7) == True  # noqa: E712 - as a student may write it
    right_7 = is_3(valid_7, mean3, mean7) == False  # noqa: E712
    acc_3, acc_7 = right_3.double().mean().item(), right_7.double().mean().item()
    return acc_3, acc_7, 0.5 * (acc_3 + acc_7)
