"""BasicOptim keeps `params` as given: model.parameters() is a generator, used up by one step."""

EXERCISE = "e04_train_epoch"
MUST_FAIL = {"basic_optim": ["second step", "list(params)"]}


class BasicOptim:
    def __init__(self, params, lr):
        self.params, self.lr = params, lr

    def step(self, *args, **kwargs):
        for p in self.params:
            p.data -= p.grad.data * self.lr

    def zero_grad(self, *args, **kwargs):
        for p in self.params:
            p.grad = None
