"""train_epoch clears the gradients before each calc_grad instead of after each step (the order of
PyTorch's `opt.zero_grad(); loss.backward(); opt.step()`): each step still uses one batch's
gradient, so it trains exactly like the book; the last batch's gradient is left in .grad."""

EXERCISE = "e04_train_epoch"


def train_epoch(model, lr, params, dl, loss_func=mnist_loss):  # noqa: F821
    for xb, yb in dl:
        for p in params:
            p.grad = None
        calc_grad(xb, yb, model, loss_func)  # noqa: F821
        for p in params:
            p.data -= p.grad * lr
