"""The validation loader is built from the training pairs (a copy-paste slip)."""

EXERCISE = "e05a_fastai_learner"
MUST_FAIL = {"dls_batches": ["dls.valid goes over the training pairs"]}


def make_dls(train_x, train_y, valid_x, valid_y, bs=256):
    dset = list(zip(train_x, train_y))
    dl = DataLoader(dset, batch_size=bs, shuffle=True)  # noqa: F821
    valid_dl = DataLoader(dset, batch_size=bs)  # noqa: F821
    return DataLoaders(dl, valid_dl)  # noqa: F821
