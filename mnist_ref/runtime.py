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
"""PyTorch's intra-op CPU threads while a stage of the chapter runs (all but resnet18).

Its tensors are small (the largest matmul is [1024, 784] @ [784, 30]; pixel similarity works on
about 14000 images), so a thread pool has little to split and pays for every hand-over. On the
2-core machine this was measured on, shared with other work (load averages from 1 to 20), 2 threads
made the training stages 5 to 10 times slower than 1 and pixel similarity 10 times slower
(0.116 s against 0.010 s at a load of 2.7: the pool waits for the busy core). Only in an idle
moment were 2 threads faster: the book's pixel similarity took 0.004 s on 2, the reference's
0.007 s on 1. The numbers do not depend on it: one thread or two give the same results."""


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
