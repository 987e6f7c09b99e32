"""pipeline_shapes answers for the chapter's counts only, whatever n3, n7 and bs are."""

EXERCISE = "e03b_minibatches"
MUST_FAIL = {"pipeline_shapes_values": ["pipeline_shapes(5, 7, 4)"]}

_right = pipeline_shapes  # noqa: F821 - the solution's


def pipeline_shapes(n3, n7, bs):
    return _right(6131, 6265, 256)
