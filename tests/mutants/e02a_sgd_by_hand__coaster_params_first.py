"""coaster draws params before speed: the same generator, the numbers in another order."""

import torch

EXERCISE = "e02a_sgd_by_hand"
MUST_FAIL = {"coaster_data": ["params were drawn before speed"]}


def coaster(seed=42):
    torch.manual_seed(seed)
    params = torch.randn(3).requires_grad_()
    time = torch.arange(0, 20).float()
    speed = torch.randn(20) * 3 + 0.75 * (time - 9.5) ** 2 + 1
    return time, speed, params
