"""The reference's ten-digit steps before training (mnist_ref.multiclass): loading training/ and
testing/ folders, the seeded validation split, the mean-image baseline with L1 and squared
distance, each against an independent computation."""

from __future__ import annotations

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from PIL import Image

from mnist_ref import multiclass, similarity


def _tree(root, counts, seed=0):
    """``root/<digit>/<name>.png`` with ``counts[d]`` random images per digit, written in an order
    other than their names'; returns the uint8 ``[28, 28]`` pixels of each digit, sorted by name."""
    rng = np.random.default_rng(seed)
    pixels = {}
    for digit, n in enumerate(counts):
        folder = root / str(digit)
        folder.mkdir(parents=True)
        names = [f"{int(v):05d}.png" for v in rng.choice(99999, size=n, replace=False)]
        images = {name: rng.integers(0, 256, (28, 28), dtype=np.uint8) for name in names}
        for name in reversed(names):
            Image.fromarray(images[name]).save(folder / name)
        pixels[digit] = [images[name] for name in sorted(names)]
    return pixels


def test_load_digits_reads_every_folder_in_digit_then_name_order(tmp_path):
    counts = [3, 1, 2, 4, 2, 3, 1, 2, 5, 2]
    pixels = _tree(tmp_path, counts)
    x, y = multiclass.load_digits(tmp_path)
    assert x.dtype == torch.float32 and x.shape == (sum(counts), 784)
    assert y.dtype == torch.int64 and y.tolist() == [d for d, n in enumerate(counts) for _ in range(n)]
    expected = np.stack([p for d in range(10) for p in pixels[d]]).reshape(-1, 784) / 255
    assert torch.allclose(x, torch.from_numpy(expected).float())


def test_split_valid_is_fastais_random_splitter_and_keeps_each_label():
    x = torch.arange(50, dtype=torch.float32)[:, None].expand(50, 784) / 64
    y = torch.arange(50) % 10
    tx, ty, vx, vy = multiclass.split_valid(x, y, 0.2, seed=7)
    torch.manual_seed(7)  # fastai's RandomSplitter: torch.manual_seed, then torch.randperm
    order = torch.randperm(50)
    assert torch.equal(vx, x[order[:10]]) and torch.equal(tx, x[order[10:]])
    assert torch.equal(vy, y[order[:10]]) and torch.equal(ty, y[order[10:]])
    again = multiclass.split_valid(x, y, 0.2, seed=7)
    assert all(torch.equal(a, b) for a, b in zip(again, (tx, ty, vx, vy)))
    assert len(multiclass.split_valid(x, y, 0.3, seed=7)[2]) == 15


def test_digit_means_and_distances_are_the_books_per_pair():
    g = torch.Generator().manual_seed(0)
    x = torch.rand(40, 784, generator=g)
    y = torch.arange(40) % 10
    means = multiclass.digit_means(x, y)
    assert means.shape == (10, 784)
    assert torch.allclose(means[3], x[y == 3].mean(0))
    l1, sq = multiclass.l1_distance(x[:7], means), multiclass.sq_distance(x[:7], means)
    assert l1.shape == sq.shape == (7, 10)
    for i in range(7):
        for d in range(10):
            a, b = x[i].view(28, 28), means[d].view(28, 28)
            assert l1[i, d] == pytest.approx(similarity.mnist_distance(a, b).item(), abs=1e-6)
            assert sq[i, d] == pytest.approx(F.mse_loss(a, b).item(), abs=1e-6)


@pytest.mark.parametrize("distance,metric", [(multiclass.l1_distance, "l1"),
                                             (multiclass.sq_distance, "mse")])
def test_mean_image_accuracy_is_the_nearest_mean_stage(distance, metric):
    g = torch.Generator().manual_seed(1)
    x = torch.rand(300, 784, generator=g)
    y = torch.randint(0, 10, (300,), generator=g)
    means = multiclass.digit_means(x, y)
    nearest = similarity.nearest_mean(x.view(-1, 28, 28), means.view(10, 28, 28), metric)
    expected = (nearest == y).float().mean().item()
    assert multiclass.mean_image_accuracy(means, x, y, distance) == pytest.approx(expected)
