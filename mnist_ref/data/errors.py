"""Exceptions raised when the user's data (not this code) is at fault.

Every message names the exact file or folder involved and says how to fix it, in one paragraph,
so that a learner can act on it without reading a traceback.
"""

from __future__ import annotations

__all__ = ["CorruptImageError", "DataError", "IdxFormatError", "MissingDataError"]


class DataError(ValueError):
    """Base class: the data on disk is missing, damaged or in an unexpected layout."""


class MissingDataError(DataError, FileNotFoundError):
    """A file or folder the loader needs is missing (or a class folder holds no images)."""


class CorruptImageError(DataError):
    """An image file cannot be read, or is not a 28x28 single-channel ("L") greyscale image."""


class IdxFormatError(DataError):
    """An IDX file has a bad magic number, a truncated or oversized body, or wrong dimensions."""
