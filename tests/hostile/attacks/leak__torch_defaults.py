"""PyTorch's process-wide settings changed while the file loads: default dtype float64, gradients
off, default device "meta", deterministic algorithms only, anomaly detection, a fixed seed.

Once they leaked into every exercise graded after this one. e05 (which trains networks), graded
next in the same run from a full solution, must score full marks (e01's own checks may suffer:
that is its own doing).
"""

import torch

EXERCISE = "e01_stacking"
BASE = "solution"
MAY_FAIL = "all"
ALSO = ["e05_simple_net"]

torch.set_default_dtype(torch.float64)
torch.set_grad_enabled(False)
torch.set_default_device("meta")
torch.use_deterministic_algorithms(True)
torch.autograd.set_detect_anomaly(True)
torch.manual_seed(0)
