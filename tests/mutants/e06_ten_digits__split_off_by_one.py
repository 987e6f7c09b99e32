"""split_valid starts the training rows one past the cut: one row is in neither part."""
import torch

EXERCISE = "e06_ten_digits"
MUST_FAIL = {"split_valid_properties": ["off-by-one"]}


def split_valid(x, y, valid_pct=0.2, seed=42):
    order = torch.randperm(len(x), generator=torch.Generator().manual_seed(seed))
    cut = int(valid_pct * len(x))
    train, valid = order[cut + 1:], order[:cut]
    return x[train], y[train], x[valid], y[valid]
