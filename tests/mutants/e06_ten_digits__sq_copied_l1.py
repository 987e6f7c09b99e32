"""sq_distance is l1_distance copied and never changed: absolute, not squared, differences."""
EXERCISE = "e06_ten_digits"
MUST_FAIL = {"sq_distance_values": ["that is the L1 distance"],
             "mean_image_baseline": ["your sq_distance is wrong"]}


def sq_distance(x, means):
    return (x[:, None] - means[None]).abs().mean(-1)
