"""digit_means sums each digit's images with a one-hot product, then divides by all N."""
import torch.nn.functional as F

EXERCISE = "e06_ten_digits"
MUST_FAIL = {"digit_means_values": ["that digit's count"],
             "mean_image_baseline": ["your digit_means is wrong"]}


def digit_means(x, y):
    return F.one_hot(y, 10).float().t() @ x / len(x)
