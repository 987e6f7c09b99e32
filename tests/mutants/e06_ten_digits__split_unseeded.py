"""split_valid draws its permutation from the global random state, never seeded."""
import torch

EXERCISE = "e06_ten_digits"
MUST_FAIL = {"split_valid_properties": ["not reproducible"]}


def split_valid(x, y, valid_pct=0.2, seed=42):
    order = torch.randperm(len(x))
    cut = int(valid_pct * len(x))
    return x[order[cut:]], y[order[cut:]], x[order[:cut]], y[order[:cut]]
