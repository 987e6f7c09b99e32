"""Seeds and devices, set in one place.

Every stage calls :func:`seed_everything` before it creates parameters or shuffles data, and puts its
tensors on :func:`default_device`, so the same code runs on a GPU where there is one and on the CPU
otherwise.
"""

from __future__ import annotations

import os
import random

import numpy as np
import torch

DEVICE_ENV = "MNIST_REF_DEVICE"
DEFAULT_SEED = 42


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
