"""load_digits scales each image in NumPy (np.array(img) / 255 is float64) and stacks those."""
from pathlib import Path

import numpy as np
import torch
from PIL import Image

EXERCISE = "e06_ten_digits"
MUST_FAIL = {"load_digits_values": ["float64"]}


def load_digits(folder):
    images, digits = [], []
    for digit in range(10):
        files = sorted((Path(folder) / str(digit)).glob("*.png"))
        images += [torch.tensor(np.array(Image.open(f)) / 255) for f in files]
        digits += [digit] * len(files)
    return torch.stack(images).view(-1, 28 * 28), torch.tensor(digits)
