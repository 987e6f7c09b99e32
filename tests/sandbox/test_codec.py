"""The boundary's data format: what crosses, built from scratch; what does not, refused."""

from __future__ import annotations

import math
import socket
from pathlib import Path

import pytest
import torch

from autograder.sandbox import codec


def roundtrip(value, **kwargs):
    header, buffers = codec.encode(value)
    return codec.decode(header, buffers, **kwargs)


def test_plain_values_cross_unchanged():
    value = {"a": [1, 2.5, None, True, "x", b"\x00\x01"], ("k", 1): (slice(1, 5, 2), Path("/tmp/p")),
             "big": 2**70, "dt": torch.float64, "dev": torch.device("cpu")}
    assert roundtrip(value) == value


def test_floats_that_json_cannot_hold_cross():
    out = roundtrip([math.nan, math.inf, -math.inf])
    assert math.isnan(out[0]) and out[1] == math.inf and out[2] == -math.inf


@pytest.mark.parametrize("dtype", [torch.float32, torch.float64, torch.int64, torch.uint8,
                                   torch.bool, torch.bfloat16, torch.float16])
def test_tensors_cross_with_dtype_shape_and_values(dtype):
    t = (torch.arange(24).reshape(2, 3, 4) % 7).to(dtype)
    out = roundtrip(t)
    assert out.dtype == dtype and out.shape == t.shape and torch.equal(out, t)


def test_requires_grad_and_empty_tensors_cross():
    t = torch.zeros(0, 3)
    assert roundtrip(t).shape == (0, 3)
    assert roundtrip(torch.ones(2, requires_grad=True)).requires_grad


def test_a_lying_tensor_subclass_arrives_as_a_plain_tensor_of_its_numbers():
    class Liar(torch.Tensor):
        def __eq__(self, other):
            return True

        def allclose(self, *args, **kwargs):
            return True

    liar = torch.tensor([1.0, 2.0]).as_subclass(Liar)
    out = roundtrip(liar)
    assert type(out) is torch.Tensor
    assert not torch.allclose(out, torch.tensor([5.0, 5.0]))


def test_objects_are_refused_unless_the_sender_keeps_them():
    with pytest.raises(codec.CodecError, match="Linear"):
        codec.encode(torch.nn.Linear(2, 2))
    kept = []
    header, buffers = codec.encode([torch.nn.Linear(2, 2)],
                                   refer=lambda obj: kept.append(obj) or codec.Ref(7, "Linear", "x"))
    assert codec.decode(header, buffers) == [codec.Ref(7, "Linear", "x")] and len(kept) == 1


def test_a_value_that_contains_itself_is_refused():
    loop = []
    loop.append(loop)
    with pytest.raises(codec.CodecError, match="contains itself"):
        codec.encode(loop)


@pytest.mark.parametrize("header, buffers", [
    ({"v": {"t": [0, "float32", [4], "cpu", False]}}, [b"\x00" * 3]),  # wrong byte count
    ({"v": {"t": [0, "object", [1], "cpu", False]}}, [b"\x00" * 8]),  # dtype not on the list
    ({"v": {"zz": 1}}, []),  # unknown tag
    ({"v": {"a": 1, "b": 2}}, []),  # two tags
    ({"nothing": 1}, []),
    ({"v": {"f": "1e999999"}}, []),  # only nan and the infinities are spelled out
])
def test_malformed_messages_are_refused(header, buffers):
    with pytest.raises((codec.CodecError, ValueError, IndexError)):
        codec.decode(header, buffers)


def test_frames_cross_a_socket_and_a_huge_one_is_refused_before_it_is_read():
    import threading

    a, b = socket.socketpair()
    with a, b:
        big = torch.randn(600, 600)  # over the 1 MB that is sent without joining
        header, buffers = codec.encode({"x": big, "s": "ok"})
        sender = threading.Thread(target=codec.send, args=(a, header, buffers), daemon=True)
        sender.start()  # a frame larger than the socket's buffer needs a reader at the same time
        got = codec.decode(*codec.recv(b))
        sender.join(timeout=10)
        assert torch.equal(got["x"], big) and got["s"] == "ok"
        a.settimeout(5)

        def send_ignoring_the_close():  # the reader refuses and closes: the sender may break
            try:
                codec.send(a, header, buffers)
            except OSError:
                pass

        threading.Thread(target=send_ignoring_the_close, daemon=True).start()
        with pytest.raises(codec.CodecError, match="more than"):
            codec.recv(b, limit=1000)
