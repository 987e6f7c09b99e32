"""mean_image_accuracy calls sq_distance by name, whatever distance it is given."""
EXERCISE = "e06_ten_digits"
MUST_FAIL = {"mean_image_accuracy_values": ["distance argument is ignored"],
             "mean_image_baseline": ["your mean_image_accuracy is wrong"]}


def mean_image_accuracy(means, x, y, distance):
    return (sq_distance(x, means).argmin(dim=1) == y).float().mean().item()  # noqa: F821
