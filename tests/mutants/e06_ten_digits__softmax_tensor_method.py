"""softmax calls PyTorch's own Tensor.softmax instead of writing exp / sum."""

EXERCISE = "e06_ten_digits"
MUST_FAIL = {"softmax_values": ["Tensor.softmax", "yourself"]}


def softmax(x):
    return x.softmax(dim=-1)
