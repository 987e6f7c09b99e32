"""pipeline_shapes expects [N] minus [N, 1] to stay [N]: it broadcasts to [N, N]."""

EXERCISE = "e03b_minibatches"
MUST_FAIL = {"pipeline_shapes_values": ["[bs, bs]"]}

_right = pipeline_shapes  # noqa: F821 - the solution's


def pipeline_shapes(n3, n7, bs):
    return _right(n3, n7, bs) | {"flat_vs_column": (bs,)}
