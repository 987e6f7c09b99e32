"""Fixtures and markers shared by every test folder.

- ``shared_data_dir``: the complete real data named by ``MNIST_REF_DATA`` when pytest started
  (``.ci/run`` sets it to ``../shared/data``); tests that need it skip, saying why, where it is unset.
- ``offline_embedded``: an environment with no explicit data, an empty fastai cache and no network,
  so the embedded default is used (what a student offline gets).
- ``@pytest.mark.cuda`` tests skip where PyTorch sees no GPU.

This environment's scripts go first on the PATH: the README's test command (``.venv/bin/pytest``)
runs without the environment activated, and nbgrader calls ``alembic`` through the PATH.
"""

from __future__ import annotations

import os
import sysconfig
from pathlib import Path

import pytest
import torch

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = os.environ.get("MNIST_REF_DATA", "").strip() or None
"""MNIST_REF_DATA as set when pytest started (some fixtures unset it for a test)."""

_SCRIPTS = sysconfig.get_path("scripts")
if _SCRIPTS not in os.environ.get("PATH", "").split(os.pathsep):
    os.environ["PATH"] = _SCRIPTS + os.pathsep + os.environ.get("PATH", "")


def pytest_collection_modifyitems(config, items):
    if torch.cuda.is_available():
        return
    skip = pytest.mark.skip(reason="needs a CUDA GPU; PyTorch sees none here")
    for item in items:
        if "cuda" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def shared_data_dir() -> Path:
    """The real data folder named by MNIST_REF_DATA when pytest started; skips when unset."""
    if SHARED_DATA is None:
        pytest.skip("needs the complete MNIST data: set MNIST_REF_DATA to a folder holding "
                    "mnist_sample.tgz and mnist_idx/ (CI sets it)")
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


@pytest.fixture(scope="session")
def embedded_env(tmp_path_factory) -> dict[str, str]:
    """Environment variables for an offline user with nothing cached (session-wide folders, so
    the embedded PNGs are written once per test run)."""
    base = tmp_path_factory.mktemp("offline")
    return {
        "FASTAI_HOME": str(base / "fastai"),
        "MNIST_REF_CACHE": str(base / "cache"),
        "MNIST_REF_OFFLINE": "1",
    }


@pytest.fixture
def offline_embedded(embedded_env, monkeypatch):
    """Run the test as an offline user: no MNIST_REF_DATA, empty fastai cache, no network."""
    monkeypatch.delenv("MNIST_REF_DATA", raising=False)
    for key, value in embedded_env.items():
        monkeypatch.setenv(key, value)
    return embedded_env
