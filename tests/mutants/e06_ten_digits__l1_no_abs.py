"""l1_distance averages the signed differences: positive and negative ones cancel."""
EXERCISE = "e06_ten_digits"
MUST_FAIL = {"l1_distance_values": ["no abs"],
             "mean_image_baseline": ["your l1_distance is wrong"]}


def l1_distance(x, means):
    return (x[:, None] - means[None]).mean(-1)
