"""mnist_ref.accuracy_loss (the book's nudge experiment) and mnist_ref.batches (batch counts,
loaders, the pipeline's shapes) on the chapter's data."""

import pytest
import torch

from mnist_ref import accuracy_loss, batches
from mnist_ref.data import load_dataset
from mnist_ref.linear import init_params, linear1, mnist_loss
from mnist_ref.stages import threes_sevens

CPU = torch.device("cpu")


@pytest.fixture(scope="module")
def sample(shared_data_dir):
    ds = load_dataset("mnist_sample", shared_data_dir, progress=False, announce=None)
    return threes_sevens(ds, CPU)


@pytest.mark.shared_data
def test_nudging_a_weight_moves_the_loss_not_the_accuracy(sample):
    train_x, train_y = sample[0], sample[1]
    assert bool((train_x[:, 0] == 0).all())  # the book's weights[0]: a pixel blank everywhere
    torch.manual_seed(42)
    weights, bias = init_params((28 * 28, 1)), init_params(1)
    for (index, factor), moves in ((accuracy_loss.MIDDLE_NUDGE, True),
                                   (accuracy_loss.BOOK_NUDGE, False)):
        acc0, acc1, loss0, loss1 = accuracy_loss.nudge_experiment(
            train_x, train_y, weights, bias, index, factor)
        assert acc0 == acc1
        assert (loss1 != loss0) is moves
    assert weights.is_leaf and weights.requires_grad


@pytest.mark.shared_data
def test_the_chapters_batches(sample):
    train_x, train_y, valid_x, valid_y = sample
    assert batches.batch_counts(len(train_x), 256) == (49, 108)
    assert batches.batch_counts(len(valid_x), 256) == (8, 246)
    dl, valid_dl = batches.make_dls(train_x, train_y, valid_x, valid_y, 256, 42)
    sizes = [len(xb) for xb, _ in dl]
    assert len(sizes) == 49 and sizes[-1] == 108
    xb, yb = next(iter(dl))
    assert xb.shape == (256, 784) and yb.shape == (256, 1)
    assert 0 < yb.mean().item() < 1  # shuffled: both digits in the first batch
    assert [len(xb) for xb, _ in valid_dl][-1] == 246


def test_batch_counts_exact_division():
    assert batches.batch_counts(512, 256) == (2, 256)
    assert batches.batch_counts(7, 10) == (1, 7)


def test_pipeline_shapes_of_the_chapter():
    shapes = batches.pipeline_shapes(*batches.TRAIN_COUNTS, 256)
    assert shapes["train_x"] == (12396, 784) and shapes["train_y"] == (12396, 1)
    assert shapes["flat_vs_column"] == (256, 256)  # [N] against [N, 1]
    assert shapes["last_xb"] == (108, 784)
    assert set(shapes) == set(batches.PIPELINE)


@pytest.mark.shared_data
def test_the_accuracys_slopes_are_zero_the_losss_are_its_gradient(sample):
    train_x, train_y = sample[0], sample[1]
    torch.manual_seed(42)
    weights, bias = init_params((28 * 28, 1)), init_params(1)
    indices = list(accuracy_loss.SLOPE_INDICES)
    acc, loss = accuracy_loss.slopes(train_x, train_y, weights, bias, indices, 1e-3)
    assert acc == [0.0] * len(indices)
    mnist_loss(linear1(train_x, weights, bias), train_y).backward()
    grad = weights.grad.view(-1)[indices]
    assert loss == pytest.approx(grad.tolist(), rel=0.05, abs=5e-5)
