"""make_xy uses MNIST_SAMPLE's labels.csv encoding: a 3 is 0 and a 7 is 1."""
import torch

EXERCISE = "e01_stacking"
MUST_FAIL = {'make_xy_targets': ['labels.csv']}


def make_xy(threes, sevens):
    x = torch.cat([threes, sevens]).view(-1, 28 * 28)
    y = torch.tensor([0.0] * len(threes) + [1.0] * len(sevens)).unsqueeze(1)
    return x, y
