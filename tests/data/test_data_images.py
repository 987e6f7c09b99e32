"""load_image / stack_images / list_images: the book's way of reading PNGs, with validation."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from mnist_data_testkit import digit_pixels, write_png
from PIL import Image

from mnist_ref.data import CorruptImageError, DataError, MissingDataError, load_image, stack_images
from mnist_ref.data.images import list_images, stack_uint8


def test_load_image_reads_like_the_book(tmp_path):
    path = write_png(tmp_path / "a.png", seed=1)
    img = load_image(path)
    book = torch.tensor(np.array(Image.open(path)))
    assert img.dtype == torch.uint8
    assert img.shape == (28, 28)
    assert torch.equal(img, book)
    assert torch.equal(img, torch.from_numpy(digit_pixels(1)))


def test_stack_images_is_float_in_unit_range_in_the_given_order(tmp_path):
    paths = [write_png(tmp_path / f"{i}.png", seed=i) for i in range(3)]
    x = stack_images(paths[::-1])
    assert x.dtype == torch.float32
    assert x.shape == (3, 28, 28)
    assert 0.0 <= x.min() and x.max() <= 1.0
    book = torch.stack([torch.tensor(np.array(Image.open(p))) for p in paths[::-1]]).float() / 255
    assert torch.equal(x, book)
    assert torch.equal(stack_images([str(p) for p in paths], progress=True)[0], book[2])


def test_stack_of_nothing_is_empty():
    assert stack_images([]).shape == (0, 28, 28)
    assert stack_uint8([]).dtype == torch.uint8


def test_text_file_named_png_is_a_corrupt_image(tmp_path):
    bad = tmp_path / "train" / "3" / "bad.png"
    bad.parent.mkdir(parents=True)
    bad.write_text("this is not a PNG\n")
    with pytest.raises(CorruptImageError) as info:
        load_image(bad)
    message = str(info.value)
    assert str(bad) in message
    assert "Re-extract" in message and "delete the file" in message
    assert isinstance(info.value, DataError) and isinstance(info.value, ValueError)


def test_truncated_png_is_a_corrupt_image(tmp_path):
    path = write_png(tmp_path / "t.png", seed=3)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(CorruptImageError, match="t.png"):
        load_image(path)


def test_corrupt_file_is_named_when_stacking(tmp_path):
    good = write_png(tmp_path / "good.png")
    bad = tmp_path / "bad.png"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n garbage")
    with pytest.raises(CorruptImageError, match="bad.png"):
        stack_images([good, bad])


def test_wrong_size_names_the_file_and_the_size(tmp_path):
    path = write_png(tmp_path / "big.png", pixels=digit_pixels(0, size=(32, 28)))
    with pytest.raises(CorruptImageError) as info:
        load_image(path)
    assert str(path) in str(info.value)
    assert "32x28" in str(info.value) and "28x28" in str(info.value)


@pytest.mark.parametrize("mode", ["RGB", "P", "1", "LA"])
def test_not_greyscale_is_rejected(tmp_path, mode):
    path = tmp_path / f"{mode}.png"
    Image.fromarray(digit_pixels(0)).convert(mode).save(path)
    with pytest.raises(CorruptImageError) as info:
        load_image(path)
    assert str(path) in str(info.value)
    assert repr(mode) in str(info.value) and "'L'" in str(info.value)


def test_missing_image_is_missing_data(tmp_path):
    with pytest.raises(MissingDataError) as info:
        load_image(tmp_path / "nope.png")
    assert "nope.png" in str(info.value)
    assert isinstance(info.value, FileNotFoundError)


def test_list_images_sorts_by_name_and_skips_strays(tmp_path):
    for name in ["10.png", "2.png", "1.PNG", "b.jpg"]:
        write_png(tmp_path / name)
    (tmp_path / ".DS_Store").write_bytes(b"\0\0")
    (tmp_path / "._10.png").write_bytes(b"AppleDouble")
    (tmp_path / "labels.csv").write_text("name,label\n")
    (tmp_path / "README.txt").write_text("hi\n")
    (tmp_path / "sub.png").mkdir()
    assert [p.name for p in list_images(tmp_path)] == ["1.PNG", "10.png", "2.png", "b.jpg"]
    assert list_images(tmp_path / "missing") == []
