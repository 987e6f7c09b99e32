"""The reference's building blocks, checked against PyTorch itself on small seeded inputs."""

import subprocess
import sys

import pytest
import torch
import torch.nn.functional as F

from mnist_ref import linear, multiclass, similarity
from mnist_ref.learner import Learner
from mnist_ref.loaders import TensorLoader, make_loaders
from mnist_ref.simple_net import init_simple_net, make_simple_net, simple_net


def test_mnist_distance_broadcasts_a_batch_against_one_image():
    batch, image = torch.rand(5, 28, 28), torch.rand(28, 28)
    d = similarity.mnist_distance(batch, image)
    assert d.shape == (5,)
    assert torch.allclose(d[2], (batch[2] - image).abs().mean())
    assert similarity.mnist_distance(image, image).shape == ()


def test_rmse_is_the_square_root_of_mse():
    a, b = torch.rand(3, 28, 28), torch.rand(28, 28)
    expected = torch.stack([F.mse_loss(x, b).sqrt() for x in a])
    assert torch.allclose(similarity.rmse_distance(a, b), expected)


def test_nearest_mean_chunks_agree_with_one_pass():
    x, means = torch.rand(50, 28, 28), torch.rand(10, 28, 28)
    for metric in ("l1", "mse"):
        assert torch.equal(
            similarity.nearest_mean(x, means, metric, chunk=7),
            similarity.nearest_mean(x, means, metric, chunk=1000),
        )
    with pytest.raises(ValueError, match="metric"):
        similarity.nearest_mean(x, means, "l2")


def test_mnist_loss_and_accuracy_on_known_values():
    preds = torch.tensor([[0.0], [10.0], [-10.0]])
    targets = torch.tensor([[1.0], [1.0], [0.0]])
    assert linear.mnist_loss(preds, targets).item() == pytest.approx(0.5 / 3, abs=1e-4)
    assert linear.batch_accuracy(preds, targets).item() == pytest.approx(2 / 3)
    assert torch.allclose(linear.sigmoid(preds), torch.sigmoid(preds))


def test_softmax_and_cross_entropy_equal_pytorch():
    torch.manual_seed(0)
    logits, targets = torch.randn(16, 10) * 5, torch.randint(0, 10, (16,))
    assert torch.allclose(multiclass.softmax(logits), F.softmax(logits, dim=1), atol=1e-6)
    assert torch.allclose(multiclass.log_softmax(logits), F.log_softmax(logits, dim=1), atol=1e-5)
    assert torch.allclose(
        multiclass.cross_entropy(logits, targets), F.cross_entropy(logits, targets), atol=1e-6
    )
    big = torch.tensor([[1000.0, 0.0]])
    assert torch.isfinite(multiclass.log_softmax(big)).all()


def test_simple_net_from_scratch_equals_sequential():
    torch.manual_seed(0)
    net = make_simple_net()
    w1, b1 = net[0].weight.T.detach(), net[0].bias.detach()
    w2, b2 = net[2].weight.T.detach(), net[2].bias.detach()
    x = torch.rand(8, 784)
    assert torch.allclose(simple_net(x, w1, b1, w2, b2), net(x), atol=1e-6)
    shapes = [tuple(p.shape) for p in init_simple_net(n_hidden=30, n_out=10)]
    assert shapes == [(784, 30), (30,), (30, 10), (10,)]


def test_tensor_loader_covers_every_item_once_per_epoch_and_reshuffles():
    x, y = torch.arange(10).float().unsqueeze(1), torch.arange(10)
    loader = TensorLoader(x, y, batch_size=4, shuffle=True)
    assert len(loader) == 3
    first = torch.cat([yb for _, yb in loader])
    second = torch.cat([yb for _, yb in loader])
    assert sorted(first.tolist()) == list(range(10)) and not torch.equal(first, second)
    with pytest.raises(ValueError, match="must match"):
        TensorLoader(x, y[:3])


def test_train_epoch_moves_parameters_against_the_gradient():
    torch.manual_seed(0)
    w, b = linear.init_params((4, 1)), linear.init_params(1)
    x, y = torch.rand(8, 4), torch.ones(8, 1)
    before, bias_before = w.detach().clone(), b.detach().clone()
    linear.train_epoch(lambda xb: linear.linear1(xb, w, b), 0.5, (w, b), [(x, y)])
    w2 = before.clone().requires_grad_()
    linear.mnist_loss(x @ w2 + bias_before, y).backward()
    assert torch.allclose(w.detach(), before - 0.5 * w2.grad)
    assert torch.count_nonzero(w.grad) == 0  # zeroed after the step


def test_learner_from_scratch_learns_a_separable_problem():
    torch.manual_seed(0)
    x = torch.randn(256, 8)
    y = (x[:, :1] > 0).float()
    dls = make_loaders(x[:200], y[:200], x[200:], y[200:], batch_size=32)
    learn = Learner(dls, torch.nn.Linear(8, 1))
    metrics = learn.fit(10, 1.0)  # the metric after each epoch, as exercise 7's fit returns
    stats = learn.history
    assert len(metrics) == len(stats) == 10 and all(isinstance(m, float) for m in metrics)
    assert metrics == [s.metric for s in stats] and metrics[-1] == learn.validate() > 0.9
    assert stats[-1].train_loss < stats[0].train_loss


def test_importing_the_reference_does_not_import_fastai():
    code = (
        "import sys, mnist_ref.stages, mnist_ref.cli, mnist_ref.data, mnist_ref.report;"
        "print('fastai' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
