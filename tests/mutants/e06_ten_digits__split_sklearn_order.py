"""split_valid returns its parts in scikit-learn's train_test_split order."""
import torch

EXERCISE = "e06_ten_digits"
MUST_FAIL = {"split_valid_properties": ["train_test_split"]}


def split_valid(x, y, valid_pct=0.2, seed=42):
    order = torch.randperm(len(x), generator=torch.Generator().manual_seed(seed))
    cut = int(valid_pct * len(x))
    return x[order[cut:]], x[order[:cut]], y[order[cut:]], y[order[:cut]]
