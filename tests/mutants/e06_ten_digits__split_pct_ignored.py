"""split_valid always keeps 20% for validation, whatever valid_pct is."""
import torch

EXERCISE = "e06_ten_digits"
MUST_FAIL = {"split_valid_properties": ["valid_pct is ignored"]}


def split_valid(x, y, valid_pct=0.2, seed=42):
    order = torch.randperm(len(x), generator=torch.Generator().manual_seed(seed))
    cut = int(0.2 * len(x))
    return x[order[cut:]], y[order[cut:]], x[order[:cut]], y[order[:cut]]
