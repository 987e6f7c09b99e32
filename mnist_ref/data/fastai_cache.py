"""fastai's data folder: seeding it from a local archive, and downloading with ``untar_data``.

Seeding means extracting ``mnist_sample.tgz`` (or ``mnist_png.tgz``) exactly where fastai's
``untar_data`` would, so that the book's ``path = untar_data(URLs.MNIST_SAMPLE)`` finds the data
and returns at once, with no network. fastai is imported only inside :func:`download_with_fastai`.
"""

from __future__ import annotations

import os
import shutil
import socket
import tarfile
import tempfile
import zlib
from pathlib import Path

from mnist_ref.data.errors import DataError, MissingDataError
from mnist_ref.data.layout import Layout
from mnist_ref.data.settings import fastai_data_dir, is_offline

__all__ = [
    "ARCHIVE_SUFFIXES",
    "archive_stem",
    "can_download",
    "download_with_fastai",
    "is_archive",
    "seed_fastai_cache",
]

ARCHIVE_SUFFIXES = (".tar.gz", ".tgz", ".tar")
DOWNLOAD_HOST = ("s3.amazonaws.com", 443)


def is_archive(path: Path) -> bool:
    """True when ``path``'s name ends in .tgz, .tar.gz or .tar (any case)."""
    return path.name.lower().endswith(ARCHIVE_SUFFIXES)


def archive_stem(path: Path) -> str:
    """``mnist_sample.tgz`` -> ``mnist_sample`` (the folder fastai extracts it to)."""
    name = path.name
    for suffix in ARCHIVE_SUFFIXES:
        if name.lower().endswith(suffix):
            return name[: -len(suffix)]
    return path.stem


def _extract(archive: Path, into: Path) -> None:
    try:
        with tarfile.open(archive, "r:*") as tar:
            tar.extractall(into, filter="data")
    except (tarfile.TarError, EOFError, zlib.error, OSError) as e:
        raise DataError(
            f"Archive {archive} could not be extracted ({type(e).__name__}: {e}). It is damaged, "
            f"truncated or not a tar archive. Download it again (fastai's URLs.MNIST_SAMPLE is "
            f"https://s3.amazonaws.com/fast-ai-sample/mnist_sample.tgz)."
        ) from e


def seed_fastai_cache(archive: str | os.PathLike) -> Path:
    """Extract ``archive`` into :func:`fastai_data_dir` and return the extracted folder.

    The folder is named after the archive (``mnist_sample.tgz`` -> ``<data>/mnist_sample``),
    which is where ``untar_data(URLs.MNIST_SAMPLE)`` looks first; an archive holding a single top
    folder has that folder's contents moved there, as fastai does. When the folder exists already
    it is reused untouched (callers validate it). Extraction goes to a hidden temporary folder
    that is renamed into place, so an interrupted run never leaves half a dataset behind.
    """
    archive = Path(archive).expanduser()
    if not archive.is_file():
        raise MissingDataError(
            f"Archive {archive} does not exist. Pass the path of mnist_sample.tgz "
            f"(or mnist_png.tgz)."
        )
    data_dir = fastai_data_dir()
    target = data_dir / archive_stem(archive)
    if target.exists():
        return target
    data_dir.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.extract-", dir=data_dir))
    try:
        _extract(archive, tmp)
        top = [p for p in tmp.iterdir() if not p.name.startswith(".")]
        src = top[0] if len(top) == 1 and top[0].is_dir() else tmp
        try:
            os.rename(src, target)
        except OSError:
            if not target.exists():  # not a lost race with another process: a real failure
                raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return target


def can_download() -> bool:
    """False when ``$MNIST_REF_OFFLINE`` is set or fastai's download host cannot be reached."""
    if is_offline():
        return False
    try:
        with socket.create_connection(DOWNLOAD_HOST, timeout=2):
            return True
    except OSError:
        return False


def download_with_fastai(layout: Layout) -> Path:
    """``untar_data(URLs.<layout.url_attr>)``: the book's own download (imports fastai, ~8 s)."""
    from fastai.data.external import URLs, untar_data

    return Path(untar_data(getattr(URLs, layout.url_attr)))
