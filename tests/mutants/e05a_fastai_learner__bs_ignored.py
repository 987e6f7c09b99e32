"""The book's batch size written in: bs is ignored."""

EXERCISE = "e05a_fastai_learner"
MUST_FAIL = {"dls_batches": ["bs is ignored"]}


def make_dls(train_x, train_y, valid_x, valid_y, bs=256):
    dl = DataLoader(list(zip(train_x, train_y)), batch_size=256, shuffle=True)  # noqa: F821
    valid_dl = DataLoader(list(zip(valid_x, valid_y)), batch_size=256)  # noqa: F821
    return DataLoaders(dl, valid_dl)  # noqa: F821
