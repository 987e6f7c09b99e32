"""load_image returns the PIL image itself, not a tensor."""
from PIL import Image

EXERCISE = "e01_stacking"
MUST_FAIL = {
    'load_image_pixels': ['PIL image'],
    'stack_images_values': ['your load_image', 'PIL image', 'stack_images itself is right'],
}


def load_image(path):
    return Image.open(path)
