"""load_dataset: the tensors (book order, dtypes), the announcement, and the tensor cache."""

from __future__ import annotations

import os
import warnings

import numpy as np
import PIL.Image
import pytest
import torch
from mnist_data_testkit import digit_pixels, make_tree, write_png
from PIL import Image

from mnist_ref.data import CACHE_ENV, Dataset, load_dataset


def quiet(*args, **kwargs):
    return load_dataset(*args, progress=False, announce=None, **kwargs)


def cache_entries(isolated_env):
    folder = isolated_env.cache / "tensors"
    return sorted(folder.glob("*.pt")) if folder.is_dir() else []


def test_tensors_follow_the_book(tmp_path):
    root = make_tree(
        tmp_path / "ds", {("train", 3): 3, ("train", 7): 2, ("valid", 3): 1, ("valid", 7): 2}
    )
    for name in ["10.png", "9.png"]:  # the book sorts names as strings: 0, 1, 10, 2, 9
        write_png(root / "train" / "3" / name, seed=int(name[:-4]) + 500)
    ds = quiet("mnist_sample", root)
    assert isinstance(ds, Dataset)
    assert ds.train_x.dtype == torch.float32 and ds.valid_x.dtype == torch.float32
    assert ds.train_y.dtype == torch.int64 and ds.valid_y.dtype == torch.int64
    assert ds.train_x.shape == (7, 28, 28) and ds.valid_x.shape == (3, 28, 28)
    assert ds.train_y.tolist() == [3] * 5 + [7] * 2
    assert ds.valid_y.tolist() == [3, 7, 7]
    assert 0 <= float(ds.train_x.min()) and float(ds.train_x.max()) <= 1
    threes = sorted((root / "train" / "3").iterdir())  # the book's .ls().sorted()
    assert [p.name for p in threes] == ["0.png", "1.png", "10.png", "2.png", "9.png"]
    book = torch.stack([torch.tensor(np.array(Image.open(o))) for o in threes]).float() / 255
    assert torch.equal(ds.train_x[:5], book)
    assert ds.path == root and ds.classes == (3, 7)
    assert "train_x" not in repr(ds)


def test_announce_is_called_once_with_the_counts(tmp_path):
    root = make_tree(tmp_path / "ds")
    lines = []
    ds = load_dataset("mnist_sample", root, announce=lines.append, progress=False)
    assert lines == [ds.summary()]
    assert lines[0] == f"mnist_sample: explicit folder {root}; 7 train, 4 valid"
    lines.clear()
    load_dataset("mnist_sample", root, announce=lines.append, progress=False)  # cached
    assert len(lines) == 1


def test_default_announce_prints_one_line(tmp_path, capsys):
    load_dataset("mnist_sample", make_tree(tmp_path / "ds"), progress=False)
    assert capsys.readouterr().out.count("\n") == 1


def test_second_load_does_not_open_images(tmp_path, isolated_env, monkeypatch):
    root = make_tree(tmp_path / "ds")
    first = quiet("mnist_sample", root)
    [entry] = cache_entries(isolated_env)
    assert entry.name.startswith("mnist_sample-") and len(entry.stem) == len("mnist_sample-") + 40

    def no_images(*a, **k):
        raise AssertionError("opened an image despite the cache")

    monkeypatch.setattr(PIL.Image, "open", no_images)
    second = quiet("mnist_sample", root)
    for k in ["train_x", "train_y", "valid_x", "valid_y"]:
        assert torch.equal(getattr(first, k), getattr(second, k))
    assert second.train_x.dtype == torch.float32


def test_cache_entry_invalidates_when_a_file_changes(tmp_path, isolated_env):
    root = make_tree(tmp_path / "ds")
    quiet("mnist_sample", root)
    changed = root / "valid" / "7" / "1.png"
    write_png(changed, pixels=np.full((28, 28), 255, dtype=np.uint8))
    st = changed.stat()
    os.utime(changed, ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))
    ds = quiet("mnist_sample", root)
    assert torch.all(ds.valid_x[-1] == 1.0)
    assert len(cache_entries(isolated_env)) == 2


def test_cache_entry_invalidates_when_a_file_is_added(tmp_path):
    root = make_tree(tmp_path / "ds")
    quiet("mnist_sample", root)
    write_png(root / "train" / "7" / "99.png", seed=99)
    assert len(quiet("mnist_sample", root).train_y) == 8


def test_corrupt_cache_entry_is_ignored_and_rewritten(tmp_path, isolated_env):
    root = make_tree(tmp_path / "ds")
    expected = quiet("mnist_sample", root)
    [entry] = cache_entries(isolated_env)
    entry.write_bytes(b"not a torch file")
    again = quiet("mnist_sample", root)
    assert torch.equal(again.train_x, expected.train_x)
    assert torch.load(entry, weights_only=True)["train_x"].dtype == torch.uint8


def test_cache_entry_with_wrong_content_is_ignored(tmp_path, isolated_env):
    root = make_tree(tmp_path / "ds")
    expected = quiet("mnist_sample", root)
    [entry] = cache_entries(isolated_env)
    torch.save({"format": 1, "train_x": torch.zeros(2)}, entry)
    assert torch.equal(quiet("mnist_sample", root).valid_x, expected.valid_x)


def test_cache_false_neither_reads_nor_writes(tmp_path, isolated_env):
    root = make_tree(tmp_path / "ds")
    quiet("mnist_sample", root, cache=False)
    assert cache_entries(isolated_env) == []


def test_unwritable_cache_warns_but_loads(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache folder should be")
    monkeypatch.setenv(CACHE_ENV, str(blocker / "cache"))
    with pytest.warns(UserWarning, match="could not write the tensor cache"):
        ds = quiet("mnist_sample", make_tree(tmp_path / "ds"))
    assert len(ds.train_y) == 7


def test_no_stray_temp_files_after_caching(tmp_path, isolated_env):
    quiet("mnist_sample", make_tree(tmp_path / "ds"))
    assert [
        p.name for p in (isolated_env.cache / "tensors").iterdir() if p.name.startswith(".")
    ] == []


def test_progress_bar_for_many_files(tmp_path, capsys):
    root = make_tree(
        tmp_path / "ds", {("train", 3): 600, ("train", 7): 400, ("valid", 3): 1, ("valid", 7): 1}
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ds = load_dataset("mnist_sample", root, announce=None, progress=True)
    assert len(ds.train_y) == 1000
    assert "img" in capsys.readouterr().err
    assert torch.equal((ds.train_x[0] * 255).round(), torch.from_numpy(digit_pixels(0)).float())
