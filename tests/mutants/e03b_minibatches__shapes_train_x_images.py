"""pipeline_shapes keeps the images [28, 28] after view(-1, 28*28)."""

EXERCISE = "e03b_minibatches"
MUST_FAIL = {"pipeline_shapes_values": ["one row of 784"]}

_right = pipeline_shapes  # noqa: F821 - the solution's


def pipeline_shapes(n3, n7, bs):
    return _right(n3, n7, bs) | {"train_x": (n3 + n7, 28, 28)}
