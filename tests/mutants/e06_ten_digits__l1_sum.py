"""l1_distance sums over the pixels instead of averaging (the nearest mean is the same)."""
EXERCISE = "e06_ten_digits"
MUST_FAIL = {"l1_distance_values": ["summed over the 784 pixels"]}


def l1_distance(x, means):
    return (x[:, None] - means[None]).abs().sum(-1)
