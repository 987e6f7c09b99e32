"""make_dset returns the zip object itself: no len(), no indexing, read once."""

EXERCISE = "e01_stacking"
MUST_FAIL = {'make_dset_pairs': ['zip object', 'list(zip(x, y))']}


def make_dset(x, y):
    return zip(x, y)  # noqa: B905
