"""calc_grad computes the loss but never calls backward(): no gradients."""

EXERCISE = "e04_train_epoch"
MUST_FAIL = {"calc_grad_values": ["backward() is missing"],
             "calc_grad_accumulates": ["backward() is missing"],
             "train_model_trains": ["NoneType"]}


def calc_grad(xb, yb, model, loss_func=mnist_loss):  # noqa: F821
    return loss_func(model(xb), yb)
