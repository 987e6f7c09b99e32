"""stack_images divides the uint8 pixels by 255 without .float(): integer (floor) division."""
import numpy as np
import torch
from PIL import Image

EXERCISE = "e01_stacking"
MUST_FAIL = {'stack_images_values': ['integer division', 'true division']}


def stack_images(paths):
    return torch.stack([torch.tensor(np.array(Image.open(p))) for p in paths]) // 255
