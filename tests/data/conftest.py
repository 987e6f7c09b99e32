"""Fixtures for the mnist_ref.data tests: an isolated environment, and the real data when given.

Every test runs with ``FASTAI_HOME``, ``MNIST_REF_CACHE`` and ``XDG_CACHE_HOME`` pointing into a
fresh temporary folder, ``MNIST_REF_OFFLINE=1`` (nothing touches the network) and
``MNIST_REF_DATA`` unset. The value ``MNIST_REF_DATA`` had when pytest started is kept for the
``shared_data`` tests (see :func:`shared_data_dir`).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # the package is not necessarily pip-installed
    sys.path.insert(0, str(ROOT))

SHARED_DATA = os.environ.get("MNIST_REF_DATA", "").strip() or None
"""MNIST_REF_DATA as set when pytest started (the autouse fixture below unsets it)."""


@pytest.fixture(autouse=True)
def isolated_env(tmp_path_factory, monkeypatch):
    """Point every cache at a fresh temporary folder; offline; no explicit data."""
    base = tmp_path_factory.mktemp("env")
    env = SimpleNamespace(
        base=base,
        fastai_home=base / "fastai_home",
        fastai_data=base / "fastai_home" / "data",
        cache=base / "cache",
    )
    monkeypatch.setenv("FASTAI_HOME", str(env.fastai_home))
    monkeypatch.setenv("MNIST_REF_CACHE", str(env.cache))
    monkeypatch.setenv("XDG_CACHE_HOME", str(base / "xdg"))
    monkeypatch.setenv("MNIST_REF_OFFLINE", "1")
    monkeypatch.delenv("MNIST_REF_DATA", raising=False)
    return env


@pytest.fixture(scope="session")
def shared_data_dir() -> Path:
    """The real data folder named by MNIST_REF_DATA when pytest started; skips when unset."""
    if SHARED_DATA is None:
        pytest.skip("needs the real MNIST data: set MNIST_REF_DATA=/work/shared/data (or a copy)")
    path = Path(SHARED_DATA).expanduser()
    needed = [
        path / "mnist_sample.tgz",
        path / "mnist_idx" / "t10k-images-idx3-ubyte.gz",
        path / "mnist_idx" / "t10k-labels-idx1-ubyte.gz",
    ]
    missing = [str(p) for p in needed if not p.is_file()]
    if missing:
        pytest.skip(f"MNIST_REF_DATA={SHARED_DATA} lacks {', '.join(missing)}")
    return path
