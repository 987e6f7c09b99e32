"""The book's own fastai code paths: ``Learner`` with ``SGD``, and ``resnet18`` ("going deeper").

fastai takes seconds to import, so it is imported inside these functions only: nothing else in
:mod:`mnist_ref` needs it.
"""

from __future__ import annotations

import warnings
from contextlib import contextmanager
from pathlib import Path

import torch
from torch import nn


@contextmanager
def _quiet_import():
    """Import fastai without PyTorch's deprecation notices about fastai's own code (nothing the
    user can act on)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)
        warnings.simplefilter("ignore", DeprecationWarning)
        yield


def fit_fastai_learner(
    model: nn.Module,
    train: tuple[torch.Tensor, torch.Tensor],
    valid: tuple[torch.Tensor, torch.Tensor],
    loss_func,
    metric,
    epochs: int,
    lr: float,
    device: torch.device,
    batch_size: int = 256,
) -> list[float]:
    """Train as the book does: ``Learner(dls, model, opt_func=SGD, loss_func, metrics)``, ``fit``.

    Args:
        train, valid: ``(x [N, 784] float32, y [N, 1] float32)`` pairs, on the CPU.
    Returns:
        the metric after each epoch.
    """
    with _quiet_import():
        import fastai.callback.progress  # noqa: F401  (adds Learner.no_bar)
        from fastai.data.core import DataLoaders
        from fastai.data.load import DataLoader
        from fastai.learner import Learner
        from fastai.optimizer import SGD

    dl = DataLoader(list(zip(*train)), batch_size=batch_size, shuffle=True)
    valid_dl = DataLoader(list(zip(*valid)), batch_size=batch_size)
    dls = DataLoaders(dl, valid_dl, device=device)
    learn = Learner(dls, model.to(device), opt_func=SGD, loss_func=loss_func, metrics=metric)
    with learn.no_bar(), learn.no_logging():
        learn.fit(epochs, lr=lr)
    return [float(values[-1]) for values in learn.recorder.values]


def fit_resnet18(
    path: Path, train: str, valid: str, device: torch.device, epochs: int = 1
) -> float:
    """The book's "going deeper": ``vision_learner(dls, resnet18, pretrained=False)``, one cycle.

    ``path`` holds the images in fastai's folder layout (``train``/``valid`` for MNIST_SAMPLE).
    Returns the validation accuracy after ``epochs`` epochs of ``fit_one_cycle(epochs, 0.1)``.
    """
    import torch.nn.functional as F

    with _quiet_import():
        from fastai.vision.all import (  # the book's import: it also adds fit_one_cycle, no_bar
            ImageDataLoaders,
            accuracy,
            resnet18,
            vision_learner,
        )

    dls = ImageDataLoaders.from_folder(path, train=train, valid=valid, device=device)
    learn = vision_learner(
        dls, resnet18, pretrained=False, loss_func=F.cross_entropy, metrics=accuracy
    )
    with learn.no_bar(), learn.no_logging():
        learn.fit_one_cycle(epochs, 0.1)
    return float(learn.recorder.values[-1][-1])
