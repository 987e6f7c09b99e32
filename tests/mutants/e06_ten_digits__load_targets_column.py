"""load_digits returns the digits as a column [N, 1], the shape of the 3-vs-7 targets."""
from pathlib import Path

import numpy as np
import torch
from PIL import Image

EXERCISE = "e06_ten_digits"
MUST_FAIL = {"load_digits_values": ["column"]}


def load_digits(folder):
    images, digits = [], []
    for digit in range(10):
        files = sorted((Path(folder) / str(digit)).glob("*.png"))
        images += [torch.tensor(np.array(Image.open(f))) for f in files]
        digits += [digit] * len(files)
    x = torch.stack(images).float() / 255
    return x.view(-1, 28 * 28), torch.tensor(digits).unsqueeze(1)
