"""Plain data across the boundary between the grader and a student's worker process.

Nothing that comes back from the worker is decoded by executing it: no ``pickle``, no
``torch.load``. A message is a JSON header plus raw byte buffers. What can cross:

- ``None``, ``bool``, ``int``, ``float`` (``nan`` and ``inf`` included), ``str``, ``bytes``;
- ``list``, ``tuple``, ``dict`` (keys of the kinds above), ``slice``, ``pathlib.Path``;
- ``torch.Tensor``: dtype (from a fixed list), shape, device type, ``requires_grad`` and the raw
  bytes of its values. The receiver builds a *new, plain* tensor from the bytes, so a tensor
  subclass whose comparisons lie arrives as an ordinary tensor of its numbers;
- ``torch.dtype`` and ``torch.device``;
- :class:`Ref`: an object that stays on the worker's side (a model, an optimizer, a student's
  class instance), named by a number. The grader can call it or pass it back, never unpack it.

Anything else is refused when encoding (:class:`CodecError`), and a malformed message is refused
when decoding. A frame is ``8-byte length + header`` followed by ``8-byte length + bytes`` per
buffer; a frame larger than the receiver's limit is refused before it is read.
"""

from __future__ import annotations

import json
import math
import socket
import struct
from dataclasses import dataclass
from pathlib import Path, PurePath

import torch

_LEN = struct.Struct("!Q")
MAX_FRAME = 1 << 31  # 2 GiB: a message larger than this is an attack or a bug

_DTYPES = {
    str(dt).removeprefix("torch."): dt
    for dt in (
        torch.float32, torch.float64, torch.float16, torch.bfloat16, torch.uint8, torch.int8,
        torch.int16, torch.int32, torch.int64, torch.bool, torch.complex64, torch.complex128,
    )
}


class CodecError(ValueError):
    """A value that cannot cross the boundary, or a malformed message."""


@dataclass(frozen=True)
class Ref:
    """An object that stays in the worker, known to the grader by ``id``; ``kind`` is its type's
    name and ``text`` a short description (both said by the worker: shown, never trusted)."""

    id: int
    kind: str = ""
    text: str = ""


def _tensor_bytes(t: torch.Tensor) -> bytes:
    t = torch.Tensor.detach(t)
    t = t.to("cpu").contiguous()
    if t.dtype == torch.bfloat16:  # numpy has no bfloat16: send its bits
        return t.view(torch.int16).numpy().tobytes()
    return t.numpy().tobytes()


def _float(x: float):
    return x if math.isfinite(x) else {"f": repr(x)}


def encode(value, refer=None) -> tuple[dict, list[bytes]]:
    """``value`` as a JSON-able header and a list of buffers.

    ``refer(obj) -> Ref`` is called for objects that cannot cross (the worker keeps them);
    without it they raise :class:`CodecError`.
    """
    buffers: list[bytes] = []
    seen: set[int] = set()

    def enc(v, depth=0):
        if depth > 64:
            raise CodecError("a value nested more than 64 levels deep")
        if v is None or type(v) in (bool, str):
            return v
        if type(v) is int:
            return v if abs(v) < 2**53 else {"i": str(v)}
        if type(v) is float:
            return _float(v)
        if isinstance(v, Ref):
            return {"r": [v.id, v.kind, v.text]}
        if isinstance(v, torch.Tensor):
            dtype = str(v.dtype).removeprefix("torch.")
            if dtype not in _DTYPES:
                raise CodecError(f"a tensor of dtype {v.dtype} cannot be sent")
            buffers.append(_tensor_bytes(v))
            return {"t": [len(buffers) - 1, dtype, list(v.shape), v.device.type,
                          bool(v.requires_grad)]}
        if isinstance(v, torch.dtype):
            return {"dt": str(v).removeprefix("torch.")}
        if isinstance(v, torch.device):
            return {"dev": str(v)}
        if type(v) is bytes:
            buffers.append(v)
            return {"b": len(buffers) - 1}
        if isinstance(v, PurePath):
            return {"p": str(v)}
        if type(v) is slice:
            return {"s": [enc(v.start, depth + 1), enc(v.stop, depth + 1), enc(v.step, depth + 1)]}
        if type(v) in (list, tuple, dict):
            if id(v) in seen:
                raise CodecError("a value that contains itself")
            seen.add(id(v))
            try:
                if type(v) is list:
                    return {"l": [enc(x, depth + 1) for x in v]}
                if type(v) is tuple:
                    return {"u": [enc(x, depth + 1) for x in v]}
                return {"d": [[enc(k, depth + 1), enc(x, depth + 1)] for k, x in v.items()]}
            finally:
                seen.discard(id(v))
        if refer is not None:
            return enc(refer(v), depth)
        raise CodecError(f"a value of type {type(v).__name__} cannot be sent")

    return {"v": enc(value)}, buffers


def decode(header: dict, buffers: list[bytes], device: torch.device | None = None,
           resolve=None):
    """The value encoded by :func:`encode`, built from scratch: plain types and new tensors.

    ``device``: where tensors are put (default: the device named in the message when it exists
    here, else the CPU). ``resolve(ref) -> object`` turns a :class:`Ref` into the object it names
    (the worker's side); without it, refs decode as :class:`Ref`.
    """

    def dec(v, depth=0):
        if depth > 64:
            raise CodecError("a message nested more than 64 levels deep")
        if v is None or type(v) in (bool, str, int, float):
            return v
        if type(v) is not dict or len(v) != 1:
            raise CodecError("a malformed message")
        (tag, body), = v.items()
        if tag == "f":
            if body not in ("nan", "inf", "-inf"):
                raise CodecError("a malformed float")
            return float(body)
        if tag == "i":
            return int(body)
        if tag == "r":
            ref = Ref(int(body[0]), str(body[1])[:200], str(body[2])[:500])
            return resolve(ref) if resolve else ref
        if tag == "t":
            return _tensor(body, buffers, device)
        if tag == "dt":
            if body not in _DTYPES:
                raise CodecError(f"an unknown dtype {body!r}")
            return _DTYPES[body]
        if tag == "dev":
            return torch.device(str(body))
        if tag == "b":
            return bytes(buffers[int(body)])
        if tag == "p":
            return Path(str(body))
        if tag == "s":
            return slice(*(dec(x, depth + 1) for x in body))
        if tag == "l":
            return [dec(x, depth + 1) for x in body]
        if tag == "u":
            return tuple(dec(x, depth + 1) for x in body)
        if tag == "d":
            out = {}
            for k, x in body:
                key = dec(k, depth + 1)
                if not isinstance(key, (str, int, float, bool, tuple, type(None))):
                    raise CodecError("a dict key that is not a plain value")
                out[key] = dec(x, depth + 1)
            return out
        raise CodecError(f"an unknown tag {tag!r}")

    if type(header) is not dict or "v" not in header:
        raise CodecError("a malformed message")
    return dec(header["v"])


def _tensor(body, buffers, device):
    index, dtype, shape, device_type, requires_grad = body
    if dtype not in _DTYPES:
        raise CodecError(f"an unknown dtype {dtype!r}")
    dt = _DTYPES[dtype]
    shape = [int(s) for s in shape]
    if any(s < 0 for s in shape):
        raise CodecError("a negative dimension")
    raw = buffers[int(index)]
    numel = math.prod(shape)
    itemsize = torch.empty((), dtype=dt).element_size()
    if len(raw) != numel * itemsize:
        raise CodecError(f"a tensor of shape {shape} and dtype {dtype} with {len(raw)} bytes")
    if numel == 0:
        t = torch.empty(shape, dtype=dt)
    elif dt == torch.bfloat16:
        t = torch.frombuffer(bytearray(raw), dtype=torch.int16).view(torch.bfloat16).reshape(shape)
    else:
        t = torch.frombuffer(bytearray(raw), dtype=dt).reshape(shape)
    where = device
    if where is None:
        where = torch.device("cuda") if device_type == "cuda" and torch.cuda.is_available() else None
    if where is not None and where.type != "cpu":
        t = t.to(where)
    if requires_grad and (dt.is_floating_point or dt.is_complex):
        t.requires_grad_(True)
    return t


# ----------------------------------------------------------------------------- framing


def send(sock: socket.socket, header: dict, buffers: list[bytes]) -> None:
    """Write one frame: the JSON header, then each buffer, each behind its length."""
    head = json.dumps(header, separators=(",", ":"), allow_nan=False).encode()
    parts = [_LEN.pack(len(head)), head, _LEN.pack(len(buffers))]
    for b in buffers:
        parts += [_LEN.pack(len(b)), b]
    if sum(map(len, buffers)) < (1 << 20):
        sock.sendall(b"".join(parts))
    else:  # large tensors: no copy into one joined buffer
        for p in parts:
            sock.sendall(p)


def _exactly(sock: socket.socket, n: int) -> bytes:
    buf = bytearray(n)
    view, got = memoryview(buf), 0
    while got < n:
        k = sock.recv_into(view[got:], n - got)
        if k == 0:
            raise EOFError("the other side closed the connection")
        got += k
    return bytes(buf)


def recv(sock: socket.socket, limit: int = MAX_FRAME) -> tuple[dict, list[bytes]]:
    """Read one frame written by :func:`send`; refuse one larger than ``limit`` bytes in all."""
    (n,) = _LEN.unpack(_exactly(sock, _LEN.size))
    if n > limit:
        raise CodecError(f"a message header of {n} bytes (the limit is {limit})")
    header = json.loads(_exactly(sock, n))
    (count,) = _LEN.unpack(_exactly(sock, _LEN.size))
    if count > 100_000:
        raise CodecError(f"a message with {count} buffers")
    total, buffers = n, []
    for _ in range(count):
        (size,) = _LEN.unpack(_exactly(sock, _LEN.size))
        total += size
        if total > limit:
            raise CodecError(f"a message of more than {limit} bytes")
        buffers.append(_exactly(sock, size))
    return header, buffers
