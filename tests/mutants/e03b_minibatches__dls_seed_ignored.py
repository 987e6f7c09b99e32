"""make_dls gives the loader a generator but never seeds it with seed (a new torch.Generator()
always starts from the same default seed)."""

import torch
from torch.utils.data import DataLoader

EXERCISE = "e03b_minibatches"
MUST_FAIL = {"dls_shuffling": ["seed is ignored"]}


def make_dls(train_x, train_y, valid_x, valid_y, bs=256, seed=42):
    return (DataLoader(list(zip(train_x, train_y)), batch_size=bs, shuffle=True,
                       generator=torch.Generator()),
            DataLoader(list(zip(valid_x, valid_y)), batch_size=bs))
