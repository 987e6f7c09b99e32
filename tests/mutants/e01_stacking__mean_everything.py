"""mean_image averages over every pixel of every image: one number."""

EXERCISE = "e01_stacking"
MUST_FAIL = {'mean_image_values': ['without an axis']}


def mean_image(stacked):
    return stacked.mean()
