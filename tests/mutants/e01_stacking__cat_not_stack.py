"""stack_images joins the images with torch.cat: [N*28, 28] instead of [N, 28, 28]."""
import numpy as np
import torch
from PIL import Image

EXERCISE = "e01_stacking"
MUST_FAIL = {"stack_images_values": ["torch.cat", "torch.stack"]}


def stack_images(paths):
    return torch.cat([torch.tensor(np.array(Image.open(p))) for p in paths]).float() / 255
