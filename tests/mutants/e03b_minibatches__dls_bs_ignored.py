"""make_dls always makes batches of 256, whatever bs is."""

import torch
from torch.utils.data import DataLoader

EXERCISE = "e03b_minibatches"
MUST_FAIL = {"dls_shuffling": ["bs is ignored"]}


def make_dls(train_x, train_y, valid_x, valid_y, bs=256, seed=42):
    g = torch.Generator().manual_seed(seed)
    return (DataLoader(list(zip(train_x, train_y)), batch_size=256, shuffle=True, generator=g),
            DataLoader(list(zip(valid_x, valid_y)), batch_size=256))
