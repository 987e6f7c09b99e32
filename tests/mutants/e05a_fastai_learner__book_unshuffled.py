"""make_dls as the book prints it: DataLoader(dset, batch_size=256) does not shuffle, so the
training batches come all 3s, then all 7s."""

EXERCISE = "e05a_fastai_learner"
MUST_FAIL = {"dls_batches": ["does not shuffle", "shuffle=True"]}


def make_dls(train_x, train_y, valid_x, valid_y, bs=256):
    dset = list(zip(train_x, train_y))
    valid_dset = list(zip(valid_x, valid_y))
    dl = DataLoader(dset, batch_size=bs)  # noqa: F821 - the stub imports it
    valid_dl = DataLoader(valid_dset, batch_size=bs)  # noqa: F821
    return DataLoaders(dl, valid_dl)  # noqa: F821
