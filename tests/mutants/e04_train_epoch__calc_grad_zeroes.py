"""calc_grad clears the model's gradients before backward (a PyTorch habit): it no longer adds."""

EXERCISE = "e04_train_epoch"
MUST_FAIL = {"calc_grad_values": ["zero_grad"], "calc_grad_accumulates": ["clears the gradients"],
             "train_model_trains": ["zero_grad"]}


def calc_grad(xb, yb, model, loss_func=mnist_loss):  # noqa: F821
    model.zero_grad()
    loss = loss_func(model(xb), yb)
    loss.backward()
    return loss
