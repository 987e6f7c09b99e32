"""mean_image averages over axis 1 (the rows of each image) instead of the images."""

EXERCISE = "e01_stacking"
MUST_FAIL = {'mean_image_values': ['axis 1']}


def mean_image(stacked):
    return stacked.mean(1)
