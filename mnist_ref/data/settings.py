"""Environment variables and well-known folders (fastai's data folder, this package's cache).

Nothing here imports fastai: :func:`fastai_data_dir` reproduces fastai's own rule
(``$FASTAI_HOME``, default ``~/.fastai``, plus the ``data`` key of its ``config.ini``).
"""

from __future__ import annotations

import configparser
import os
from pathlib import Path

__all__ = [
    "CACHE_ENV",
    "DATA_ENV",
    "OFFLINE_ENV",
    "cache_root",
    "explicit_data_dir",
    "fastai_data_dir",
    "is_offline",
]

DATA_ENV = "MNIST_REF_DATA"
"""Names an explicit data folder or archive (see :func:`mnist_ref.data.locate`)."""

CACHE_ENV = "MNIST_REF_CACHE"
"""Overrides the cache root (default ``$XDG_CACHE_HOME/mnist_ref`` or ``~/.cache/mnist_ref``)."""

OFFLINE_ENV = "MNIST_REF_OFFLINE"
"""``"1"`` means: never try to download."""


def explicit_data_dir() -> Path | None:
    """The path in ``$MNIST_REF_DATA``, or None when it is unset or empty."""
    value = os.environ.get(DATA_ENV, "").strip()
    return Path(value).expanduser() if value else None


def is_offline() -> bool:
    """True when ``$MNIST_REF_OFFLINE`` is ``1`` (``true``/``yes``/``on`` are accepted too)."""
    return os.environ.get(OFFLINE_ENV, "").strip().lower() in {"1", "true", "yes", "on"}


def cache_root() -> Path:
    """This package's cache folder (embedded PNGs and stacked tensors); not created here."""
    value = os.environ.get(CACHE_ENV, "").strip()
    if value:
        return Path(value).expanduser().absolute()
    xdg = os.environ.get("XDG_CACHE_HOME", "").strip()
    base = Path(xdg).expanduser() if xdg else Path("~/.cache").expanduser()
    return (base / "mnist_ref").absolute()


def fastai_data_dir() -> Path:
    """fastai's data folder, where ``untar_data`` extracts datasets, without importing fastai.

    ``$FASTAI_HOME`` (default ``~/.fastai``) joined with the ``data`` key of the ``[DEFAULT]``
    section of ``$FASTAI_HOME/config.ini`` when that file sets it (default ``"data"``); an
    absolute ``data`` value is used as is, exactly like fastai's ``Config.path``.
    """
    home = Path(os.environ.get("FASTAI_HOME", "~/.fastai")).expanduser().absolute()
    data = "data"
    config = home / "config.ini"
    if config.is_file():
        parser = configparser.ConfigParser()
        try:
            parser.read(config, encoding="utf8")
            data = parser["DEFAULT"].get("data", data) or data
        except (configparser.Error, UnicodeDecodeError):
            pass  # fastai would fail on it too; the default keeps us usable
    return home / data
