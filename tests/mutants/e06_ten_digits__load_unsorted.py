"""load_digits lists each folder with os.listdir and never sorts it: the files come in the file
system's order, not by name."""
import os

import numpy as np
import torch
from PIL import Image

EXERCISE = "e06_ten_digits"
MUST_FAIL = {"load_digits_values": ["another order", "sorted"]}


def load_digits(folder):
    images, digits = [], []
    for digit in range(10):
        sub = os.path.join(folder, str(digit))
        for name in os.listdir(sub):
            images.append(torch.tensor(np.array(Image.open(os.path.join(sub, name)))))
            digits.append(digit)
    x = torch.stack(images).float() / 255
    return x.view(-1, 28 * 28), torch.tensor(digits)
