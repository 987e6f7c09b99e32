"""split_valid seeds with a fixed 42, whatever seed it is given."""
import torch

EXERCISE = "e06_ten_digits"
MUST_FAIL = {"split_valid_properties": ["seed is ignored"]}


def split_valid(x, y, valid_pct=0.2, seed=42):
    torch.manual_seed(42)
    order = torch.randperm(len(x))
    cut = int(valid_pct * len(x))
    return x[order[cut:]], y[order[cut:]], x[order[:cut]], y[order[:cut]]
