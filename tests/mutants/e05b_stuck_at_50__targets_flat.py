"""make_xy keeps the stuck set-up's [N] targets: with shuffled batches, mnist_loss's torch.where
broadcasts [N] against [N, 1] to [N, N] and the network stays at 0.5."""

EXERCISE = "e05b_stuck_at_50"
MUST_FAIL = {"make_xy_targets": ["[N, N]"], "fixed_setup_trains": ["[N, N]"]}


def make_xy(threes, sevens):
    x = torch.cat([threes, sevens]).view(-1, 28 * 28)  # noqa: F821 - the stub imports torch
    y = torch.tensor([1.0] * len(threes) + [0.0] * len(sevens))  # noqa: F821
    return x, y
