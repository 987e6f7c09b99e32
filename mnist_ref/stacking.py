"""The book's arrangement of the 3s and 7s for training: one row per image, float targets.

The reading part (``load_image``, ``stack_images``) is in :mod:`mnist_ref.data.images` and the
mean image in :mod:`mnist_ref.similarity`; :func:`mnist_ref.stages.threes_sevens` does the same
as :func:`make_xy` on whole datasets.

Shapes: ``N3`` 3s and ``N7`` 7s, ``N = N3 + N7``; ``784 = 28 * 28`` pixels per image.
"""

from __future__ import annotations

import torch


def make_xy(threes: torch.Tensor, sevens: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """``torch.cat([threes, sevens]).view(-1, 28*28)`` and targets 1 for a 3, 0 for a 7.

    Args:
        threes: float32 ``[N3, 28, 28]``. sevens: float32 ``[N7, 28, 28]``.
    Returns:
        ``(x, y)``: x float32 ``[N, 784]`` (3s first), y float32 ``[N, 1]`` on ``threes``' device.
    """
    x = torch.cat([threes, sevens]).view(-1, 28 * 28)
    y = torch.tensor([1.0] * len(threes) + [0.0] * len(sevens), device=threes.device).unsqueeze(1)
    return x, y


def make_dset(x: torch.Tensor, y: torch.Tensor) -> list[tuple[torch.Tensor, torch.Tensor]]:
    """The book's dataset ``list(zip(x, y))``: ``N`` pairs ``(x_i [784], y_i [1])``."""
    return list(zip(x, y, strict=True))
