"""make_dls shuffles the items once, then loads them in that one order every epoch."""

import torch
from torch.utils.data import DataLoader

EXERCISE = "e03b_minibatches"
MUST_FAIL = {"dls_shuffling": ["same order in every epoch"]}


def make_dls(train_x, train_y, valid_x, valid_y, bs=256, seed=42):
    order = torch.randperm(len(train_x), generator=torch.Generator().manual_seed(seed))
    order = order.to(train_x.device)
    return (DataLoader(list(zip(train_x[order], train_y[order])), batch_size=bs),
            DataLoader(list(zip(valid_x, valid_y)), batch_size=bs))
