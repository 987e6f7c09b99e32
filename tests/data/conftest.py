"""Fixtures for the mnist_ref.data tests: an isolated environment, and the real data when given.

Every test runs with ``FASTAI_HOME``, ``MNIST_REF_CACHE`` and ``XDG_CACHE_HOME`` pointing into a
fresh temporary folder, ``MNIST_REF_OFFLINE=1`` (nothing touches the network) and
``MNIST_REF_DATA`` unset. The value ``MNIST_REF_DATA`` had when pytest started is kept for the
``shared_data`` tests (the ``shared_data_dir`` fixture of ``tests/conftest.py``).
"""

from __future__ import annotations

import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # the package is not necessarily pip-installed
    sys.path.insert(0, str(ROOT))


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
