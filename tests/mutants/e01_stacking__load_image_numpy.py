"""load_image returns a NumPy array, not a tensor."""
import numpy as np
from PIL import Image

EXERCISE = "e01_stacking"
MUST_FAIL = {
    'load_image_pixels': ['NumPy array'],
    'stack_images_values': ['your load_image', 'NumPy array', 'stack_images itself is right'],
}


def load_image(path):
    return np.array(Image.open(path))
