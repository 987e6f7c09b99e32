"""split_valid takes the last valid_pct of the rows, unshuffled: with rows sorted by digit the
validation set is all 8s and 9s."""
EXERCISE = "e06_ten_digits"
MUST_FAIL = {"split_valid_properties": ["not shuffled", "last"]}


def split_valid(x, y, valid_pct=0.2, seed=42):
    cut = len(x) - int(valid_pct * len(x))
    return x[:cut], y[:cut], x[cut:], y[cut:]
