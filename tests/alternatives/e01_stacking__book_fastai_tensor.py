"""The book's own lines, typed as the chapter shows them (fastai's tensor), in the stub's
functions: tensor(Image.open(o)), torch.stack(...).float()/255, .mean(0), torch.cat(...).view(-1,
28*28), the int64 targets tensor([1]*len(threes) + [0]*len(sevens)).unsqueeze(1), and
list(zip(train_x,train_y))."""
import torch
from fastai.torch_core import tensor
from PIL import Image

EXERCISE = "e01_stacking"


def load_image(path):
    return tensor(Image.open(path))


def stack_images(paths):
    three_tensors = [tensor(Image.open(o)) for o in paths]
    stacked_threes = torch.stack(three_tensors).float()/255
    return stacked_threes


def mean_image(stacked):
    mean3 = stacked.mean(0)
    return mean3


def make_xy(threes, sevens):
    train_x = torch.cat([threes, sevens]).view(-1, 28*28)
    train_y = tensor([1]*len(threes) + [0]*len(sevens)).unsqueeze(1)
    return train_x, train_y


def make_dset(x, y):
    dset = list(zip(x,y))
    return dset
