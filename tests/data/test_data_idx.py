"""read_idx and the t10k helpers: round trips and every malformed-file error."""

from __future__ import annotations

import gzip

import numpy as np
import pytest
import torch
from mnist_data_testkit import idx_bytes, make_t10k, write_idx

from mnist_ref.data import IdxFormatError, MissingDataError, read_idx
from mnist_ref.data.idx import find_t10k, load_t10k

IMAGES = np.arange(3 * 28 * 28, dtype=np.int64).reshape(3, 28, 28).astype(np.uint8)
LABELS = np.array([3, 7, 0], dtype=np.uint8)


@pytest.mark.parametrize("gz", [True, False])
def test_round_trip(tmp_path, gz):
    images = read_idx(write_idx(tmp_path / "i.idx", IMAGES, gz=gz))
    labels = read_idx(write_idx(tmp_path / "l.idx", LABELS, gz=gz))
    assert images.dtype == torch.uint8 and images.shape == (3, 28, 28)
    assert labels.dtype == torch.uint8 and labels.shape == (3,)
    assert torch.equal(images, torch.from_numpy(IMAGES))
    assert torch.equal(labels, torch.from_numpy(LABELS))
    assert read_idx(tmp_path / "i.idx", expect="images").shape == (3, 28, 28)
    assert read_idx(tmp_path / "l.idx", expect="labels").shape == (3,)


def test_gzip_is_detected_from_the_content_not_the_name(tmp_path):
    path = tmp_path / "t10k-images-idx3-ubyte"  # gzip data, no .gz suffix
    path.write_bytes(gzip.compress(idx_bytes(IMAGES)))
    assert read_idx(path).shape == (3, 28, 28)


def test_labels_passed_as_images(tmp_path):
    path = write_idx(tmp_path / "t10k-labels-idx1-ubyte.gz", LABELS)
    with pytest.raises(IdxFormatError) as info:
        read_idx(path, expect="images")
    message = str(info.value)
    assert str(path) in message
    assert "2051" in message and "2049" in message
    assert "labels file passed where the images file was expected" in message


def test_images_passed_as_labels(tmp_path):
    path = write_idx(tmp_path / "images.gz", IMAGES)
    with pytest.raises(IdxFormatError, match="images file passed where the labels"):
        read_idx(path, expect="labels")


def test_not_an_idx_file(tmp_path):
    path = tmp_path / "t10k-images-idx3-ubyte.bz2"
    path.write_bytes(b"BZh91AY&SY" + bytes(100))
    with pytest.raises(IdxFormatError) as info:
        read_idx(path)
    message = str(info.value)
    assert "expected 2051 or 2049" in message
    assert f"magic number {int.from_bytes(b'BZh9', 'big')}" in message
    assert "gunzip" in message


def test_truncated_body_reports_expected_and_actual_bytes(tmp_path):
    raw = idx_bytes(IMAGES)
    path = write_idx(tmp_path / "short.gz", raw[:-100])
    with pytest.raises(IdxFormatError) as info:
        read_idx(path)
    message = str(info.value)
    assert "truncated" in message
    assert str(len(raw)) in message and str(len(raw) - 100) in message


def test_extra_bytes_are_an_error(tmp_path):
    path = write_idx(tmp_path / "long.gz", idx_bytes(LABELS) + b"\0\0")
    with pytest.raises(IdxFormatError, match="longer than its header says"):
        read_idx(path)


def test_truncated_header(tmp_path):
    path = write_idx(tmp_path / "h.gz", idx_bytes(IMAGES)[:10])
    with pytest.raises(IdxFormatError, match="header"):
        read_idx(path)


def test_empty_file(tmp_path):
    path = tmp_path / "empty"
    path.write_bytes(b"")
    with pytest.raises(IdxFormatError, match="0 bytes"):
        read_idx(path)


def test_truncated_gzip_stream(tmp_path):
    data = gzip.compress(idx_bytes(IMAGES))
    path = tmp_path / "cut.gz"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(IdxFormatError, match="cannot be decompressed"):
        read_idx(path)


def test_wrong_image_dims(tmp_path):
    path = write_idx(tmp_path / "small.gz", np.zeros((2, 20, 20), dtype=np.uint8))
    assert read_idx(path).shape == (2, 20, 20)  # generic IDX is fine...
    with pytest.raises(IdxFormatError, match="20x20"):
        read_idx(path, expect="images")  # ...but not as MNIST images


def test_empty_image_dims(tmp_path):
    path = write_idx(tmp_path / "zero.gz", idx_bytes(np.zeros((2, 0, 28), dtype=np.uint8)))
    with pytest.raises(IdxFormatError, match="0x28"):
        read_idx(path)


def test_missing_idx_file(tmp_path):
    with pytest.raises(MissingDataError, match="nope.gz"):
        read_idx(tmp_path / "nope.gz")


def test_bad_expect_is_a_programming_error(tmp_path):
    with pytest.raises(ValueError, match="expect"):
        read_idx(tmp_path / "x", expect="pictures")


def test_load_t10k(tmp_path):
    images, labels = make_t10k(tmp_path, n=12)
    x, y = load_t10k(tmp_path)
    assert x.shape == (12, 28, 28) and x.dtype == torch.uint8
    assert y.dtype == torch.int64 and y.tolist() == labels.tolist()
    assert torch.equal(x, torch.from_numpy(images))


def test_t10k_raw_files_are_found(tmp_path):
    write_idx(tmp_path / "t10k-images-idx3-ubyte", IMAGES, gz=False)
    write_idx(tmp_path / "t10k-labels-idx1-ubyte", LABELS, gz=False)
    assert load_t10k(tmp_path)[1].tolist() == [3, 7, 0]


def test_t10k_with_only_one_file(tmp_path):
    write_idx(tmp_path / "t10k-images-idx3-ubyte.gz", IMAGES)
    with pytest.raises(MissingDataError, match="t10k-labels-idx1-ubyte"):
        find_t10k(tmp_path)
    assert find_t10k(tmp_path / "elsewhere") is None


def test_t10k_counts_must_agree(tmp_path):
    write_idx(tmp_path / "t10k-images-idx3-ubyte.gz", IMAGES)
    write_idx(tmp_path / "t10k-labels-idx1-ubyte.gz", LABELS[:2])
    with pytest.raises(IdxFormatError, match="3 images but .* 2 labels"):
        load_t10k(tmp_path)


def test_t10k_labels_must_be_digits(tmp_path):
    write_idx(tmp_path / "t10k-images-idx3-ubyte.gz", IMAGES)
    write_idx(tmp_path / "t10k-labels-idx1-ubyte.gz", np.array([1, 2, 11], dtype=np.uint8))
    with pytest.raises(IdxFormatError, match="label 11"):
        load_t10k(tmp_path)
