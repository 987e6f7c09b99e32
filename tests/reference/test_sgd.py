"""mnist_ref.sgd reproduces the book's section "Stochastic Gradient Descent (SGD)": its gradients,
its roller coaster's printed numbers (within float32 rounding: the book's machine summed in
another order, 3e-7 apart at most), and what the learning-rate sweep shows."""

import math

import pytest
import torch

from mnist_ref import sgd


def test_gradients_of_the_book():
    assert sgd.grad_at(lambda x: x**2, torch.tensor(3.0)).item() == 6.0
    xs = torch.tensor([3.0, 4.0, 10.0])
    assert sgd.grad_at(lambda x: (x**2).sum(), xs).tolist() == [6.0, 8.0, 20.0]
    assert not xs.requires_grad  # the caller's tensor is left as it was


def test_the_coaster_starts_where_the_book_does():
    time, speed, params = sgd.coaster(42)
    assert time.tolist() == [float(t) for t in range(20)]
    assert params.requires_grad and params.is_leaf
    assert params.detach().tolist() == pytest.approx(sgd.FIRST_PARAMS, abs=1e-4)
    loss = sgd.mse(sgd.f(time, params), speed)
    assert loss.item() == pytest.approx(sgd.FIRST_LOSS, abs=1e-4)
    loss.backward()
    assert params.grad.tolist() == pytest.approx(sgd.FIRST_GRAD, rel=1e-6)


def test_run_sgd_prints_the_books_losses():
    time, speed, params = sgd.coaster(42)
    losses = sgd.run_sgd(params, time, speed, sgd.BOOK_LR, 11)
    assert losses[0] == pytest.approx(sgd.FIRST_LOSS, abs=1e-4)
    assert losses[1:] == pytest.approx(list(sgd.LOOP_LOSSES), rel=1e-6)


def test_the_sweep_is_too_small_good_diverging():
    time, speed, params = sgd.coaster(42)
    start = params.detach().clone()
    sweep = sgd.lr_sweep(params, time, speed, sgd.SWEEP_LRS, sgd.SWEEP_STEPS)
    assert torch.equal(params.detach(), start)  # every run from a copy
    assert [sgd.verdict(run) for run in sweep] == ["too small", "good", "diverges"]
    assert sgd.VERDICTS == dict(zip(sgd.SWEEP_LRS, ["too small", "good", "diverges"], strict=True))
    assert sweep[2][-1] > 1e25 or not math.isfinite(sweep[2][-1])


def test_the_sqrt_variant_barely_moves_at_the_books_rate():
    time, speed, params = sgd.coaster(42)
    (plain,) = sgd.lr_sweep(params, time, speed, [1e-5], 20)
    (root,) = sgd.lr_sweep(params, time, speed, [1e-5], 20, sgd.rmse)
    assert plain[-1] < 1.05 * 677
    assert root[-1] / root[0] > 0.95  # 160.7 to 155.5: the steps are ~320 times smaller
