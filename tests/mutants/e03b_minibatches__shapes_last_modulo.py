"""pipeline_shapes sizes the last batch n % bs, which is 0 when bs divides the count."""

EXERCISE = "e03b_minibatches"
MUST_FAIL = {"pipeline_shapes_values": ["not empty"]}

_right = pipeline_shapes  # noqa: F821 - the solution's


def pipeline_shapes(n3, n7, bs):
    return _right(n3, n7, bs) | {"last_xb": ((n3 + n7) % bs, 784)}
