"""pipeline_shapes forgets what unsqueeze(1) does to the targets."""

EXERCISE = "e03b_minibatches"
MUST_FAIL = {"pipeline_shapes_values": ["unsqueeze(1) adds an axis"]}

_right = pipeline_shapes  # noqa: F821 - the solution's


def pipeline_shapes(n3, n7, bs):
    return _right(n3, n7, bs) | {"train_y": (n3 + n7,)}
