"""coaster leaves time as integers (torch.arange without .float())."""

import torch

EXERCISE = "e02a_sgd_by_hand"
MUST_FAIL = {"coaster_data": [".float()"]}


def coaster(seed=42):
    torch.manual_seed(seed)
    time = torch.arange(0, 20)
    speed = torch.randn(20) * 3 + 0.75 * (time - 9.5) ** 2 + 1
    params = torch.randn(3).requires_grad_()
    return time, speed, params
