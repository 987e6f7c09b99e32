"""Mini-batches, the fast way.

The book wraps ``list(zip(x, y))`` in a PyTorch ``DataLoader``, which collates one Python tuple at a
time. :class:`TensorLoader` yields the same mini-batches by indexing the stacked tensors with a
shuffled permutation: identical semantics (an iterable of ``(xb, yb)``, a fresh order every epoch
when shuffling) at a fraction of the cost.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import torch


class TensorLoader:
    """Iterate over ``(xb, yb)`` mini-batches of two tensors that share their first dimension.

    Args:
        x: inputs, ``[N, ...]`` (for example ``[N, 784]`` float32).
        y: targets, ``[N, ...]`` (``[N, 1]`` float32 for 3-vs-7, ``[N]`` int64 for ten digits).
        batch_size: items per batch; the last batch may be smaller.
        shuffle: draw a new permutation each epoch (from ``generator``, so runs are reproducible).
        generator: the random source for shuffling; a fresh one seeded with 0 if not given.
    """

    def __init__(
        self,
        x: torch.Tensor,
        y: torch.Tensor,
        batch_size: int = 256,
        shuffle: bool = False,
        generator: torch.Generator | None = None,
    ) -> None:
        if len(x) != len(y):
            raise ValueError(f"x has {len(x)} items but y has {len(y)}; they must match")
        self.x, self.y, self.batch_size, self.shuffle = x, y, batch_size, shuffle
        self.generator = generator if generator is not None else torch.Generator().manual_seed(0)

    def __len__(self) -> int:
        """Number of batches per epoch."""
        return (len(self.x) + self.batch_size - 1) // self.batch_size

    def __iter__(self) -> Iterator[tuple[torch.Tensor, torch.Tensor]]:
        n = len(self.x)
        if self.shuffle:
            order = torch.randperm(n, generator=self.generator).to(self.x.device)
            for i in range(0, n, self.batch_size):
                idx = order[i : i + self.batch_size]
                yield self.x[idx], self.y[idx]
        else:
            for i in range(0, n, self.batch_size):
                yield self.x[i : i + self.batch_size], self.y[i : i + self.batch_size]


@dataclass
class DataLoaders:
    """A training and a validation loader, like fastai's ``DataLoaders(dl, valid_dl)``."""

    train: TensorLoader
    valid: TensorLoader


def make_loaders(
    train_x: torch.Tensor,
    train_y: torch.Tensor,
    valid_x: torch.Tensor,
    valid_y: torch.Tensor,
    batch_size: int = 256,
    seed: int = 0,
) -> DataLoaders:
    """Shuffled training batches and ordered validation batches of the same size."""
    generator = torch.Generator().manual_seed(seed)
    return DataLoaders(
        TensorLoader(train_x, train_y, batch_size, shuffle=True, generator=generator),
        TensorLoader(valid_x, valid_y, batch_size, shuffle=False),
    )
