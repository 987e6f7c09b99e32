"""BasicOptim.zero_grad sets a local variable to None: the gradients are never cleared."""

EXERCISE = "e04_train_epoch"
MUST_FAIL = {"basic_optim": ["zero_grad", "still hold"]}


class BasicOptim:
    def __init__(self, params, lr):
        self.params, self.lr = list(params), lr

    def step(self, *args, **kwargs):
        for p in self.params:
            p.data -= p.grad.data * self.lr

    def zero_grad(self, *args, **kwargs):
        for p in self.params:
            grad = p.grad  # noqa: F841
            grad = None  # noqa: F841
