"""coaster's params do not track gradients."""

import torch

EXERCISE = "e02a_sgd_by_hand"
MUST_FAIL = {"coaster_data": ["do not track gradients"]}


def coaster(seed=42):
    torch.manual_seed(seed)
    time = torch.arange(0, 20).float()
    speed = torch.randn(20) * 3 + 0.75 * (time - 9.5) ** 2 + 1
    params = torch.randn(3)
    return time, speed, params
