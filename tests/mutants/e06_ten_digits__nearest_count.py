"""mean_image_accuracy returns how many images are right, not the fraction."""
EXERCISE = "e06_ten_digits"
MUST_FAIL = {"mean_image_accuracy_values": ["number right"],
             "mean_image_baseline": ["your mean_image_accuracy is wrong"]}


def mean_image_accuracy(means, x, y, distance):
    return (distance(x, means).argmin(dim=1) == y).sum().item()
