"""mean_image averages over the last axis instead of the images."""

EXERCISE = "e01_stacking"
MUST_FAIL = {'mean_image_values': ['last axis']}


def mean_image(stacked):
    return stacked.mean(-1)
