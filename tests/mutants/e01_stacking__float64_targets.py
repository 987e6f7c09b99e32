"""make_xy's targets built with NumPy: np.array of Python floats is float64, which torch.from_numpy
keeps. The stub asks for float32 or int64."""
import numpy as np
import torch

EXERCISE = "e01_stacking"
MUST_FAIL = {"make_xy_targets": ["dtype float64", "NumPy's default float", ".float()"]}


def make_xy(threes, sevens):
    x = torch.cat([threes, sevens]).view(-1, 28 * 28)
    y = torch.from_numpy(np.array([1.0] * len(threes) + [0.0] * len(sevens))).unsqueeze(1)
    return x, y
