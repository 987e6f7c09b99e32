"""The book's code as chapter 4 prints it where it answers (DataLoader(dset, batch_size=256) with
the dataset list(zip(x, y)), shuffled as the exercise asks), counts with math.ceil, and the
shapes found by running the book's code on small tensors."""

import math

import torch
from torch.utils.data import DataLoader

EXERCISE = "e03b_minibatches"


def batch_counts(n_items, batch_size):
    n = math.ceil(n_items / batch_size)
    return n, n_items - (n - 1) * batch_size


def make_dls(train_x, train_y, valid_x, valid_y, bs=256, seed=42):
    dset = list(zip(train_x,train_y))
    valid_dset = list(zip(valid_x,valid_y))
    g = torch.Generator()
    g.manual_seed(seed)
    dl = DataLoader(dset, batch_size=bs, shuffle=True, generator=g)
    valid_dl = DataLoader(valid_dset, batch_size=bs)
    return dl, valid_dl


def pipeline_shapes(n3, n7, bs):
    three_tensors = [torch.zeros(28, 28, dtype=torch.uint8)] * n3
    seven_tensors = [torch.zeros(28, 28, dtype=torch.uint8)] * n7
    stacked_threes = torch.stack(three_tensors).float()/255
    stacked_sevens = torch.stack(seven_tensors).float()/255
    train_x = torch.cat([stacked_threes, stacked_sevens]).view(-1, 28*28)
    labels = torch.tensor([1]*n3 + [0]*n7)
    train_y = labels.unsqueeze(1)
    dl = DataLoader(list(zip(train_x,train_y)), batch_size=bs)
    batches = list(dl)
    xb,yb = batches[0]
    weights, bias = torch.zeros(28*28,1), torch.zeros(1)
    preds = xb@weights + bias
    corrects = (preds>0.0).float() == yb
    found = dict(stacked_threes=stacked_threes, train_x=train_x, labels=labels, train_y=train_y,
                 xb=xb, yb=yb, preds=preds, corrects=corrects,
                 flat_vs_column=preds.view(-1) - yb, last_xb=batches[-1][0])
    return {k: v.shape for k, v in found.items()}
