"""uint8 / 255 without .float() (true division gives float32), torch.mean(dim=0), per-stack
flattening, targets from a comparison, and a TensorDataset (it has len() and indexing too)."""
import numpy as np
import torch
from PIL import Image
from torch.utils.data import TensorDataset

EXERCISE = "e01_stacking"


def load_image(path):
    return torch.tensor(np.asarray(Image.open(path)), dtype=torch.uint8)


def stack_images(paths):
    return torch.stack(list(map(load_image, paths))) / 255


def mean_image(stacked):
    return torch.mean(stacked, dim=0)


def make_xy(threes, sevens):
    x = torch.cat([threes.flatten(1), sevens.flatten(1)])
    labels = torch.tensor([3] * len(threes) + [7] * len(sevens), device=threes.device)
    y = (labels == 3).float()[:, None]
    return x, y


def make_dset(x, y):
    return TensorDataset(x, y)
