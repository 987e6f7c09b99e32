"""load_digits converts the pixels to float but never divides them by 255."""
from pathlib import Path

import numpy as np
import torch
from PIL import Image

EXERCISE = "e06_ten_digits"
MUST_FAIL = {"load_digits_values": ["divided by 255"]}


def load_digits(folder):
    images, digits = [], []
    for digit in range(10):
        files = sorted((Path(folder) / str(digit)).glob("*.png"))
        images += [torch.tensor(np.array(Image.open(f))) for f in files]
        digits += [digit] * len(files)
    return torch.stack(images).float().view(-1, 28 * 28), torch.tensor(digits)
