"""train_model with the book's BasicOptim and PyTorch's usual order in each batch:
opt.zero_grad(), then the backward pass (calc_grad), then opt.step(). Gradients never pile up,
so it trains exactly like the book's loop."""

EXERCISE = "e04_train_epoch"


def train_model(model, epochs, lr, params, dl, valid_dl, loss_func=mnist_loss,  # noqa: F821
                metric=batch_accuracy):  # noqa: F821
    opt = BasicOptim(params, lr)  # noqa: F821
    history = []
    for _ in range(epochs):
        for xb, yb in dl:
            opt.zero_grad()
            calc_grad(xb, yb, model, loss_func)  # noqa: F821
            opt.step()
        history.append(validate_epoch(model, valid_dl, metric))  # noqa: F821
    return history
