"""batch_counts rounds the division down: the smaller last batch is not counted."""

EXERCISE = "e03b_minibatches"
MUST_FAIL = {"batch_counts_values": ["rounded down"]}


def batch_counts(n_items, batch_size):
    return n_items // batch_size, n_items % batch_size
