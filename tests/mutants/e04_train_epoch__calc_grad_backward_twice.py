"""calc_grad calls backward twice (keeping the graph to allow it): every gradient is doubled."""

EXERCISE = "e04_train_epoch"
MUST_FAIL = {"calc_grad_values": ["doubled"], "calc_grad_accumulates": ["differ"]}


def calc_grad(xb, yb, model, loss_func=mnist_loss):  # noqa: F821
    loss = loss_func(model(xb), yb)
    loss.backward(retain_graph=True)
    loss.backward()
    return loss
