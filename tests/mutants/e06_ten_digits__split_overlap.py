"""split_valid trains on every row, the validation rows included."""
import torch

EXERCISE = "e06_ten_digits"
MUST_FAIL = {"split_valid_properties": ["in both parts"]}


def split_valid(x, y, valid_pct=0.2, seed=42):
    order = torch.randperm(len(x), generator=torch.Generator().manual_seed(seed))
    valid = order[:int(valid_pct * len(x))]
    return x[order], y[order], x[valid], y[valid]
