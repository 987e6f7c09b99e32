"""q25: the step adds the gradient (goes uphill) instead of subtracting it."""
EXERCISE = "questionnaire"
MUST_FAIL = {"one_epoch": ["up the gradient"]}


def one_epoch(model, loss_func, params, dl, lr):
    for xb, yb in dl:
        loss_func(model(xb), yb).backward()
        for p in params:
            p.data += lr * p.grad
            p.grad.zero_()
