"""What a function can raise that is not an Exception: KeyboardInterrupt in rmse_distance, a
BaseException subclass of its own in is_3, and endless recursion (RecursionError) in
pixel_similarity_accuracy.

Each must cost only the checks that call that function; mnist_distance's checks must still score.
"""

EXERCISE = "e02_distances"
BASE = "solution"
MUST_FAIL = ["rmse_distance_values", "distances_by_hand", "is_3_values", "accuracy_real_data",
             "accuracy_values"]


class NotAnError(BaseException):
    """Neither an Exception nor a SystemExit: ``except Exception`` does not catch it."""


def rmse_distance(a, b):
    raise KeyboardInterrupt


def is_3(x, mean3, mean7):
    raise NotAnError("a BaseException of the student's own")


def pixel_similarity_accuracy(valid_3, valid_7, mean3, mean7):
    return pixel_similarity_accuracy(valid_3, valid_7, mean3, mean7)
