"""split_valid gives the larger part to validation: valid_pct of the rows go to training."""
import torch

EXERCISE = "e06_ten_digits"
MUST_FAIL = {"split_valid_properties": ["swapped"]}


def split_valid(x, y, valid_pct=0.2, seed=42):
    order = torch.randperm(len(x), generator=torch.Generator().manual_seed(seed))
    cut = int(valid_pct * len(x))
    train, valid = order[:cut], order[cut:]
    return x[train], y[train], x[valid], y[valid]
