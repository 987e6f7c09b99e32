"""BasicOptim.step adds lr * grad: it climbs the loss."""

EXERCISE = "e04_train_epoch"
MUST_FAIL = {"basic_optim": ["wrong way"]}


class BasicOptim:
    def __init__(self, params, lr):
        self.params, self.lr = list(params), lr

    def step(self, *args, **kwargs):
        for p in self.params:
            p.data += p.grad.data * self.lr

    def zero_grad(self, *args, **kwargs):
        for p in self.params:
            p.grad = None
