"""load_image already scales the pixels to [0, 1] (float32), so stack_images, which divides by
255 again, makes every pixel 255 times too small."""
import numpy as np
import torch
from PIL import Image

EXERCISE = "e01_stacking"
MUST_FAIL = {
    "load_image_pixels": ["already scaled"],
    "stack_images_values": ["your load_image", "already scaled", "stack_images itself is right"],
}


def load_image(path):
    return torch.tensor(np.array(Image.open(path))).float() / 255
