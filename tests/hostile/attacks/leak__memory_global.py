"""1.75 GB held in a module global (every page written), by each of three exercises graded in one
run: the memory of one must be given back before the next, or the third cannot load.

Every check of e01, e02 and e03 must pass.
"""

import torch

EXERCISE = "e01_stacking"
BASE = "solution"
ALSO = ["e02_distances", "e03_mnist_loss"]
EVERYWHERE = True

_HELD = torch.ones(7 << 26)  # 7 * 2**26 floats = 1.75 GB
