"""q25: the in-place step runs while autograd records (no torch.no_grad(), no .data)."""
EXERCISE = "questionnaire"
MUST_FAIL = {"one_epoch": ["no_grad"]}


def one_epoch(model, loss_func, params, dl, lr):
    for xb, yb in dl:
        loss_func(model(xb), yb).backward()
        for p in params:
            p -= lr * p.grad
            p.grad.zero_()
