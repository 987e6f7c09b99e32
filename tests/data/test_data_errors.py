"""Every way the user's data can be wrong gives a DataError naming the file or folder and a fix."""

from __future__ import annotations

import shutil

import pytest
from mnist_data_testkit import make_archive, make_tree, mnist_counts

from mnist_ref.data import (
    DATA_ENV,
    CorruptImageError,
    DataError,
    MissingDataError,
    load_dataset,
    locate,
)


def quiet(*args, **kwargs):
    return load_dataset(*args, progress=False, announce=None, **kwargs)


def test_explicit_path_that_does_not_exist(tmp_path):
    missing = tmp_path / "no" / "such" / "folder"
    with pytest.raises(MissingDataError) as info:
        locate("mnist_sample", missing)
    message = str(info.value)
    assert str(missing) in message
    assert "does not exist" in message
    assert "mnist_sample.tgz" in message  # what was looked for
    assert f"point {DATA_ENV} at the folder holding mnist_sample.tgz" in message
    assert "data_dir=None" in message  # how to fall back to the defaults
    assert isinstance(info.value, FileNotFoundError)


def test_env_path_that_does_not_exist_says_unset_it(tmp_path, monkeypatch):
    monkeypatch.setenv(DATA_ENV, str(tmp_path / "gone"))
    with pytest.raises(MissingDataError) as info:
        locate("mnist_sample")
    message = str(info.value)
    assert f"{DATA_ENV} points at {tmp_path / 'gone'}" in message
    assert f"unset {DATA_ENV}" in message


def test_explicit_folder_with_nothing_usable_never_falls_through(tmp_path, isolated_env):
    make_tree(isolated_env.fastai_data / "mnist_sample")  # a usable fastai cache exists...
    (tmp_path / "notes.txt").write_text("nothing to see")
    with pytest.raises(MissingDataError) as info:  # ...but the explicit request wins, and fails
        locate("mnist_sample", tmp_path)
    message = str(info.value)
    assert str(tmp_path) in message and "nothing usable" in message
    for looked_for in ["mnist_sample/", "mnist_sample.tgz", "mnist_idx/t10k-images-idx3-ubyte"]:
        assert looked_for in message


def test_explicit_file_that_is_not_an_archive(tmp_path):
    path = tmp_path / "mnist_sample.zip"
    path.write_bytes(b"PK")
    with pytest.raises(DataError, match="not a .tgz/.tar.gz archive"):
        locate("mnist_sample", path)


def test_mnist_needs_mnist_png_or_idx_not_the_sample(tmp_path):
    make_archive(tmp_path / "mnist_sample.tgz", make_tree(tmp_path / "src" / "mnist_sample"))
    shutil.rmtree(tmp_path / "src")
    with pytest.raises(MissingDataError, match="nothing usable for mnist"):
        locate("mnist", tmp_path)


def test_dataset_root_missing_valid(tmp_path):
    root = make_tree(tmp_path / "mnist_sample", {("train", 3): 1, ("train", 7): 1})
    with pytest.raises(MissingDataError) as info:
        locate("mnist_sample", root)
    assert f"{root} has no valid/ folder" in str(info.value)
    assert "train/3, train/7, valid/3, valid/7" in str(info.value)


def test_class_folder_missing(tmp_path):
    root = make_tree(tmp_path / "ds")
    shutil.rmtree(root / "train" / "7")
    with pytest.raises(MissingDataError, match=f"Class folder {root / 'train' / '7'} is missing"):
        locate("mnist_sample", root)


def test_empty_class_folder(tmp_path):
    root = make_tree(tmp_path / "ds")
    shutil.rmtree(root / "valid" / "3")
    (root / "valid" / "3").mkdir()
    (root / "valid" / "3" / ".DS_Store").write_bytes(b"\0")  # hidden files do not count
    with pytest.raises(MissingDataError) as info:
        locate("mnist_sample", root)
    assert f"{root / 'valid' / '3'} contains no image files" in str(info.value)


def test_folder_of_the_other_dataset(tmp_path):
    root = make_tree(tmp_path / "ds")  # an mnist_sample tree
    with pytest.raises(MissingDataError) as info:
        locate("mnist", root)
    assert "looks like a mnist_sample folder" in str(info.value)
    assert "training/0" in str(info.value)


def test_corrupt_image_in_a_dataset_is_named(tmp_path):
    root = make_tree(tmp_path / "ds")
    bad = root / "train" / "7" / "2.png"
    bad.write_text("<html>404 Not Found</html>")
    with pytest.raises(CorruptImageError) as info:
        quiet("mnist_sample", root)
    assert str(bad) in str(info.value)


def test_stray_files_are_ignored(tmp_path):
    root = make_tree(tmp_path / "ds")
    (root / "labels.csv").write_text("name,label\ntrain/3/0.png,0\n")
    (root / "train" / "3" / ".DS_Store").write_bytes(b"\0\1")
    (root / "train" / "3" / "notes.txt").write_text("not an image")
    (root / "valid" / "7" / "._0.png").write_bytes(b"AppleDouble junk")
    ds = quiet("mnist_sample", root)
    assert (len(ds.train_y), len(ds.valid_y)) == (7, 4)


def test_incomplete_fastai_cache_is_an_error_naming_the_folder(isolated_env):
    root = make_tree(isolated_env.fastai_data / "mnist_sample")
    for f in (root / "train" / "3").iterdir():
        f.unlink()
    with pytest.raises(MissingDataError) as info:
        locate("mnist_sample")
    message = str(info.value)
    assert str(root / "train" / "3") in message
    assert f"delete {root}" in message


def test_incomplete_extraction_target_is_an_error(tmp_path, isolated_env):
    archive = make_archive(tmp_path / "mnist_sample.tgz", make_tree(tmp_path / "src" / "x"))
    target = isolated_env.fastai_data / "mnist_sample"
    make_tree(target)
    shutil.rmtree(target / "valid" / "7")  # a half-extracted earlier copy is reused, not hidden
    with pytest.raises(MissingDataError) as info:
        locate("mnist_sample", archive)
    assert str(target / "valid" / "7") in str(info.value)
    assert f"delete {target}" in str(info.value)


def test_corrupt_archive(tmp_path):
    archive = tmp_path / "mnist_sample.tgz"
    archive.write_bytes(b"\x1f\x8b\x08\x00 this is not really gzip")
    with pytest.raises(DataError) as info:
        locate("mnist_sample", archive)
    assert str(archive) in str(info.value) and "Download it again" in str(info.value)


def test_unknown_dataset_name():
    with pytest.raises(ValueError, match="unknown dataset 'mnist_tiny'"):
        locate("mnist_tiny")


def test_mnist_png_tree_is_checked_too(tmp_path):
    counts = mnist_counts()
    del counts[("testing", 5)]
    make_tree(tmp_path / "mnist_png", counts)
    with pytest.raises(MissingDataError, match="testing/5"):
        locate("mnist", tmp_path)


def test_fastai_cache_entry_that_is_a_file(isolated_env):
    isolated_env.fastai_data.mkdir(parents=True)
    (isolated_env.fastai_data / "mnist_sample").write_text("oops")
    with pytest.raises(MissingDataError, match="is a file, not a folder"):
        locate("mnist_sample")
