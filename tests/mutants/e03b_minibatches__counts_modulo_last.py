"""batch_counts takes the last batch's size as n % bs, which is 0 when the batches divide the
items exactly."""

import math

EXERCISE = "e03b_minibatches"
MUST_FAIL = {"batch_counts_values": ["% 256 is 0"]}


def batch_counts(n_items, batch_size):
    return math.ceil(n_items / batch_size), n_items % batch_size
