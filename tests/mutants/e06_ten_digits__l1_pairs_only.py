"""l1_distance subtracts the means without new axes: image i against mean image i only."""
EXERCISE = "e06_ten_digits"
MUST_FAIL = {"l1_distance_values": ["pairs image i with mean image i"],
             "mean_image_baseline": ["your l1_distance is wrong"]}


def l1_distance(x, means):
    return (x - means).abs().mean(-1)
