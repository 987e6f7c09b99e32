"""The check of ``train_ten_digits`` alone: one pass per epoch, plain SGD by ``lr``, the validation
accuracy after each epoch (probe ``loop_contract``, the reference loss and metric inside).
"""

from __future__ import annotations

import torch

from autograder.checks.common import device, expect_history, randn, seeded_linear
from autograder.checks.e05_simple_net import trained_values
from autograder.checks.e06_ten_digits.exercise import LOOP, RTOL, check
from autograder.checks.e06_ten_digits.inputs import same
from autograder.core.feedback import Mistake, Wrong, expect_number, expect_tensor
from mnist_ref import multiclass as ref
from mnist_ref.loaders import TensorLoader

CONTRACT_BATCHES = (12, 8)


def _replay(weight, bias, data, epochs: int, lr: float, zero: bool = True, sign: float = 1.0,
            only_weight: bool = False):
    """Plain SGD on ``nn.Linear`` weights with the reference loss, over the contract's unshuffled
    batches, here: ``(weight, bias, [validation accuracy after each epoch])``. The keyword
    arguments replay known mistakes."""
    w, b = weight.clone().requires_grad_(), bias.clone().requires_grad_()
    train_x, train_y, valid_x, valid_y = data
    history = []
    for _ in range(epochs):
        for xb, yb in TensorLoader(train_x, train_y, CONTRACT_BATCHES[0]):
            ref.cross_entropy(xb @ w.t() + b, yb).backward()
            with torch.no_grad():
                w -= sign * lr * w.grad
                if not only_weight:
                    b -= sign * lr * b.grad
                if zero:
                    w.grad.zero_()
                    b.grad.zero_()
        with torch.no_grad():
            accs = [ref.multiclass_accuracy(xb @ w.t() + b, yb)
                    for xb, yb in TensorLoader(valid_x, valid_y, CONTRACT_BATCHES[1])]
        history.append(torch.stack(accs).mean().item())
    return w.detach(), b.detach(), history


def contract_data():
    """A fixed linear model and a tiny set it is right on for all 24 training images and 10 of
    the 16 validation images: ``(weight [10, 784], bias [10], [train_x, train_y, valid_x,
    valid_y])``."""
    net = seeded_linear(784, 10, seed=61)
    with torch.no_grad():
        train_x, valid_x = randn(24, 784, seed=62), randn(16, 784, seed=63)
        train_y = net(train_x).argmax(dim=1)
        best = net(valid_x).argmax(dim=1)
        wrong = torch.arange(16, device=device()) >= 10
        valid_y = torch.where(wrong, (best + 1) % 10, best)  # right on 10 of 16 (batches of 8)
    return net.weight.detach(), net.bias.detach(), [train_x, train_y, valid_x, valid_y]


STEP_RUN = (3, 0.5)  # epochs and lr of the contract's run that moves the model


def sgd_replays(weight, bias, data):
    """The contract's moving run (:data:`STEP_RUN`) replayed here: the parameters plain SGD gives
    (weight and bias flattened into one ``[7850]`` tensor), the :class:`Mistake` of each known
    wrong loop, and the validation accuracy after each epoch."""
    epochs, lr = STEP_RUN

    def known(**mistake):
        w, b, _ = _replay(weight, bias, data, **{"epochs": epochs, "lr": lr, **mistake})
        return torch.cat([w.flatten(), b])

    w, b, accs = _replay(weight, bias, data, epochs, lr)
    mistakes = [
        Mistake("lr is ignored: the step uses 0.1, not the lr argument", known(lr=0.1)),
        Mistake("the learning rate is applied twice (the step is lr * lr * grad)",
                known(lr=lr * lr)),
        Mistake("the learning rate is applied twice (the step is 2 * lr * grad)",
                known(lr=2 * lr)),
        Mistake("the gradients are never zeroed: they pile up from batch to batch; "
                "p.grad.zero_() (or opt.zero_grad()) after each step", known(zero=False)),
        Mistake("the step goes up the gradient: it is p -= p.grad * lr", known(sign=-1.0)),
        Mistake("only the weights move: step every parameter of model.parameters(), the bias "
                "too", known(only_weight=True)),
    ]
    return torch.cat([w.flatten(), b]), mistakes, accs


def _contract_run(sub, weight, bias, data, epochs: int, lr: float, call: str):
    result = sub.probe("loop_contract", weight, bias, data, list(CONTRACT_BATCHES), epochs, lr)
    history = expect_history(result["history"], epochs, call, LOOP)
    trained = trained_values(result, [weight, bias], call)
    return result, history, trained


@check(points=1, description="train_ten_digits makes one pass over dls.train per epoch, steps by "
       "lr, and returns the accuracy on dls.valid after each epoch")
def train_loop_contract(sub):
    sub.fn("train_ten_digits")
    weight, bias, data = contract_data()
    call = "train_ten_digits(model, dls, epochs=2, lr=0.0)"
    result, accs, (w0, b0) = _contract_run(sub, weight, bias, data, 2, 0.0, call)
    for i, acc in enumerate(accs):
        expect_number(acc, 0.625, atol=1e-4, what=f"{call}: the accuracy after epoch {i + 1} "
                      "(with lr 0 the model does not change; it is right on 10 of the 16 "
                      "validation images)", section=LOOP,
                      hint="after each epoch: the mean of multiclass_accuracy(model(xb), yb) "
                      "over the batches of dls.valid",
                      mistakes=[Mistake("measured on dls.train, not dls.valid", 1.0)])
    if result["train_passes"] != 2:
        raise Wrong(f"{call} made {result['train_passes']} passes over dls.train; expected one "
                    "per epoch, 2.", section=LOOP, hint="for epoch in range(epochs): for xb, yb in "
                    "dls.train: ...")
    if result["valid_passes"] == 0:
        raise Wrong(f"{call} never iterated over dls.valid: the accuracy to return is the one "
                    "measured on the validation set.", section=LOOP)
    if not (same(w0, weight) and same(b0, bias)):
        raise Wrong(f"{call} changed the model's parameters, with a learning rate of 0.",
                    cause="lr is ignored: the step must be p -= p.grad * lr with the lr argument, "
                    "not a fixed number", section=LOOP)
    epochs, lr = STEP_RUN
    call = f"train_ten_digits(model, dls, epochs={epochs}, lr={lr})"
    _, accs, trained = _contract_run(sub, weight, bias, data, epochs, lr, call)
    expected, mistakes, expected_accs = sgd_replays(weight, bias, data)
    expect_tensor(torch.cat([trained[0].flatten(), trained[1]]), expected,
                  what=f"the weights and bias of nn.Linear(784, 10) after {call} (on 2 batches of "
                       "12 images, not shuffled, with the reference cross_entropy)",
                  rtol=RTOL, atol=1e-6, section=LOOP, check_device=False,
                  hint="for each batch: cross_entropy(model(xb), yb).backward(); then inside "
                       "torch.no_grad(): p -= p.grad * lr and p.grad.zero_() for every parameter",
                  mistakes=mistakes)
    for i, (acc, expected) in enumerate(zip(accs, expected_accs, strict=True)):
        expect_number(acc, expected, atol=1e-4, what=f"{call}: the accuracy after epoch {i + 1}",
                      section=LOOP, hint="measure after each epoch's training pass, on dls.valid")
