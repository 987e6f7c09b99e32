"""from_numpy, .float().div(255), sum(0) / len, cat + reshape, ones/zeros, a comprehension."""
import numpy as np
import torch
from PIL import Image

EXERCISE = "e01_stacking"


def load_image(path):
    with Image.open(path) as im:
        return torch.from_numpy(np.array(im))


def stack_images(paths):
    return torch.stack([load_image(p) for p in paths]).float().div(255)


def mean_image(stacked):
    return stacked.sum(0) / len(stacked)


def make_xy(threes, sevens):
    x = torch.cat((threes, sevens), dim=0).reshape(-1, 784)
    y = torch.cat([torch.ones(len(threes), 1), torch.zeros(len(sevens), 1)])
    return x, y


def make_dset(x, y):
    return [(x[i], y[i]) for i in range(len(x))]
