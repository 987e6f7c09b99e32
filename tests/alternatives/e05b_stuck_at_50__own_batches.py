"""A loader written by hand: a class that draws a new permutation at every pass, and a smaller
initial scale (0.05)."""

EXERCISE = "e05b_stuck_at_50"


class Batches:
    def __init__(self, x, y, bs):
        self.x, self.y, self.bs = x, y, bs

    def __iter__(self):
        order = torch.randperm(len(self.x))  # noqa: F821
        for i in range(0, len(order), self.bs):
            idx = order[i:i + self.bs]
            yield self.x[idx], self.y[idx]


def make_dl(x, y, bs=256):
    return Batches(x, y, bs)


def init_net():
    return (init_params((28 * 28, 30), 0.05), init_params(30, 0.05),  # noqa: F821
            init_params((30, 1), 0.05), init_params(1, 0.05))  # noqa: F821
