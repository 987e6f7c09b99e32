"""The reference answers poisoned: mnist_ref.similarity's functions (the oracle of exercise 2),
found through sys.modules and gc, and torch.abs, torch.sqrt and Tensor.mean, made to return what
the wrong answers return (zeros), so that expected == got.

The file is otherwise wrong (zeros). Every check must fail.
"""

import gc
import sys
import types

import torch

EXERCISE = "e02_distances"
BASE = "stub"
MUST_FAIL = "all"


def _zeros_like_first(a=None, *args, **kwargs):
    shape = getattr(a, "shape", ())
    return torch.zeros(shape[:-2] if len(shape) > 2 else ())


def _poison(module):
    for name in ("mnist_distance", "rmse_distance", "is_3", "pixel_similarity_accuracy",
                 "l1_distance", "mean_image"):
        if hasattr(module, name):
            setattr(module, name, _zeros_like_first)


for _name, _module in list(sys.modules.items()):
    if _name.startswith("mnist_ref") and _module is not None:
        _poison(_module)
for _obj in gc.get_objects():
    if isinstance(_obj, types.ModuleType) and _obj.__name__.startswith("mnist_ref"):
        _poison(_obj)
torch.abs = lambda x, *a, **k: torch.zeros_like(x)
torch.sqrt = lambda x, *a, **k: torch.zeros_like(x)
torch.Tensor.mean = lambda self, *a, **k: torch.zeros(())


def mnist_distance(a, b):
    return torch.zeros(a.shape[:-2])


def rmse_distance(a, b):
    return torch.zeros(a.shape[:-2])


def is_3(x, mean3, mean7):
    return torch.zeros(x.shape[:-2], dtype=torch.bool)


def pixel_similarity_accuracy(valid_3, valid_7, mean3, mean7):
    return torch.tensor(0.0)
