"""stack_images converts to float but never divides by 255: values stay 0..255."""
import numpy as np
import torch
from PIL import Image

EXERCISE = "e01_stacking"
MUST_FAIL = {'stack_images_values': ['divided by 255']}


def stack_images(paths):
    return torch.stack([torch.tensor(np.array(Image.open(p))) for p in paths]).float()
