"""init_net overcorrects the saturation with zeros: every hidden unit is the same, and the ReLU
passes no gradient at all."""

EXERCISE = "e05b_stuck_at_50"
MUST_FAIL = {"init_net_scale": ["every hidden unit the same"],
             "fixed_setup_trains": ["stuck near 0.5", "identical hidden units"]}


def init_net():
    return tuple(torch.zeros(*s).requires_grad_()  # noqa: F821 - the stub imports torch
                 for s in ((28 * 28, 30), (30,), (30, 1), (1,)))
