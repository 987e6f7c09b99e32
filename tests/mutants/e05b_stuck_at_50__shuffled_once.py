"""make_dl shuffles the pairs once, when it is made, then serves them in that order every epoch."""

EXERCISE = "e05b_stuck_at_50"
MUST_FAIL = {"make_dl_shuffles": ["shuffled once"]}
MAY_FAIL = {"fixed_setup_trains"}


def make_dl(x, y, bs=256):
    order = torch.randperm(len(x))  # noqa: F821 - the stub imports torch
    return DataLoader(list(zip(x[order], y[order])), batch_size=bs)  # noqa: F821
