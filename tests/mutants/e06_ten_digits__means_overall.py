"""digit_means returns the mean of all the images: one mean image, not one per digit."""
EXERCISE = "e06_ten_digits"
MUST_FAIL = {"digit_means_values": ["mean of all the images"],
             "mean_image_baseline": ["your digit_means is wrong"]}


def digit_means(x, y):
    return x.mean(0)
