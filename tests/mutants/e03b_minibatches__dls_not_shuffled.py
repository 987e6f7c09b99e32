"""make_dls as the book's code: the training batches are not shuffled, so they come 3s first."""

from torch.utils.data import DataLoader

EXERCISE = "e03b_minibatches"
MUST_FAIL = {"dls_shuffling": ["not shuffled"]}


def make_dls(train_x, train_y, valid_x, valid_y, bs=256, seed=42):
    return (DataLoader(list(zip(train_x, train_y)), batch_size=bs),
            DataLoader(list(zip(valid_x, valid_y)), batch_size=bs))
