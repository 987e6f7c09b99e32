"""make_dls drops the smaller last batch."""

import torch
from torch.utils.data import DataLoader

EXERCISE = "e03b_minibatches"
MUST_FAIL = {"dls_batches": ["drop_last=True"], "dls_shuffling": ["drop_last=True"]}


def make_dls(train_x, train_y, valid_x, valid_y, bs=256, seed=42):
    g = torch.Generator().manual_seed(seed)
    return (DataLoader(list(zip(train_x, train_y)), batch_size=bs, shuffle=True, generator=g,
                       drop_last=True),
            DataLoader(list(zip(valid_x, valid_y)), batch_size=bs, drop_last=True))
