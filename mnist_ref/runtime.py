"""Seeds, devices and CPU threads, set in one place.

Every stage calls :func:`seed_everything` before it creates parameters or shuffles data, and puts its
tensors on :func:`default_device`, so the same code runs on a GPU where there is one and on the CPU
otherwise. The stages run inside :func:`cpu_threads`.
"""

from __future__ import annotations

import os
import random
from collections.abc import Iterator
from contextlib import contextmanager

import numpy as np
import torch

DEVICE_ENV = "MNIST_REF_DEVICE"
DEFAULT_SEED = 42
STAGE_THREADS = 1
"""PyTorch's intra-op CPU threads while a training stage of the chapter runs (resnet18 excepted).

Its tensors are small (the largest matmul is [1024, 784] @ [784, 30]) and each step issues dozens
of tiny operations, so a thread pool has little to split and pays for every hand-over. On the
2-core machine this was measured on, shared with other work (load averages from 1 to 20), 2 threads
made the training stages 5 to 10 times slower than 1 whenever the other core was busy; on an idle
machine they gained 0 to 18% (``simple_net`` 1.45 against 1.19 s). One thread also keeps a seeded
run's numbers the same whatever the machine is doing: on 2 threads the ten-digit net's parameters
after 3 epochs were not 1 thread's bit for bit, with the same accuracy (``simple_net``'s and the
linear model's were).

The stages that only read their data once (pixel similarity, the nearest mean image) do not use
this setting: they keep the process's threads, as the book's cells do. They are bound by memory
bandwidth, which grows with the cores that read (pixel similarity on an idle machine: 4.8 to 6.2 ms
on one thread, 2.3 to 3.2 ms on two, the book's cells 4 ms), and their numbers are the same bit for
bit on one thread or two (``tests/reference/test_fast_paths.py``)."""


def seed_everything(seed: int = DEFAULT_SEED) -> None:
    """Seed Python's ``random``, NumPy and PyTorch (CPU and every CUDA device)."""
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)  # also seeds every CUDA device


def default_device(name: str | None = None) -> torch.device:
    """The device to train on: ``name``, else ``$MNIST_REF_DEVICE``, else CUDA when present, else CPU.

    Raises:
        ValueError: ``cuda`` was asked for on a machine without a usable GPU.
    """
    name = name or os.environ.get(DEVICE_ENV) or ("cuda" if torch.cuda.is_available() else "cpu")
    device = torch.device(name)
    if device.type == "cuda" and not torch.cuda.is_available():
        raise ValueError(
            f"device {name!r} was asked for (argument or ${DEVICE_ENV}) but PyTorch sees no CUDA GPU "
            "here; use --device cpu or unset the variable."
        )
    return device


@contextmanager
def cpu_threads(n: int | None = STAGE_THREADS) -> Iterator[None]:
    """Run the block with ``torch.set_num_threads(n)``, then restore the previous count.

    ``None`` leaves the setting alone. Only the CPU's thread pool changes; a GPU is unaffected.
    """
    before = torch.get_num_threads()
    if n is not None and n != before:
        torch.set_num_threads(n)
    try:
        yield
    finally:
        if torch.get_num_threads() != before:
            torch.set_num_threads(before)
