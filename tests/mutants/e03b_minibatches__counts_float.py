"""batch_counts divides with / and returns floats."""

EXERCISE = "e03b_minibatches"
MUST_FAIL = {"batch_counts_values": ["integer division"]}


def batch_counts(n_items, batch_size):
    n_batches = -(-n_items // batch_size)
    return n_batches, n_items - (n_batches - 1) * batch_size / 1
