"""Finding a class's submissions in the layouts instructors have, without trusting any of them.

:func:`discover` reads a folder that holds one entry per student:

- **a folder per student** with the exercise files (``alice/e03_mnist_loss.py`` or ``.ipynb``),
  at its top or up to two folders down (``alice/exercises/e03_mnist_loss.py``);
- **nbgrader's** ``submitted/<student>/<assignment>/<assignment>.ipynb`` (give the course folder
  or its ``submitted/``): the same search finds each assignment's notebook;
- **a zip per student** (``alice.zip``, as LMS and Gradescope exports give them), extracted
  safely into ``scratch``: only the exercise files come out, and a zip that is corrupt, holds a
  path outside itself (``../x``, ``/etc/x``), a symbolic link, or more files or bytes than a
  course submission could (a zip bomb) is refused as a whole.

A student whose entry cannot be graded (empty, unreadable, a refused zip, no file named like an
exercise) is still a :class:`StudentFiles`, with ``problem`` saying why and what to do: a row in
the gradebook, never a crash of the batch. An exercise a student did not hand in is named in
``missing``. The instructor's own mistakes (no such folder, one student's folder given instead
of the class's) raise :class:`BadInput`, whose message names the path and the fix.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from autograder.core.errors import GraderError

SUFFIXES = (".py", ".ipynb")
SKIPPED_FOLDERS = {"__MACOSX", "__pycache__", ".ipynb_checkpoints", ".git"}
DEPTH = 3  # a file may sit this many folders below the student's entry (nbgrader's is 2)
MAX_FILE = 20 << 20  # the largest exercise file graded (a notebook with its outputs)
MAX_MEMBERS = 5000  # entries one student's zip may list
MAX_UNZIPPED = 200 << 20  # bytes one student's zip may declare in all


class BadInput(GraderError, ValueError):
    """The instructor's input cannot be used as it is; the message names the path and the fix."""


@dataclass
class StudentFiles:
    """What one student handed in.

    Args:
        student: the student's name (the folder's name, or the zip's without ``.zip``).
        origin: the folder or zip it came from.
        files: for each exercise found, the file to grade (a zip's are extracted copies).
        missing: for each selected exercise not graded, why (not handed in, too large ...).
        problem: why nothing of this student can be graded ("" when something can).
        notes: what the instructor may want to know (which of two files was graded).
    """

    student: str
    origin: Path
    files: dict[str, Path] = field(default_factory=dict)
    missing: dict[str, str] = field(default_factory=dict)
    problem: str = ""
    notes: list[str] = field(default_factory=list)


def digest(path: Path) -> str:
    """The hash that keys a graded file in the journal: its suffix and its bytes."""
    h = hashlib.sha256(Path(path).suffix.encode() + b"\0")
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def class_folder(root: Path) -> Path:
    """The folder that holds one entry per student: ``root``, or nbgrader's ``root/submitted``."""
    root = Path(root)
    if not root.exists():
        raise BadInput(f"{root} does not exist: give the folder that holds one folder (or one "
                       ".zip) per student, or an nbgrader course folder.")
    if not root.is_dir():
        raise BadInput(f"{root} is not a folder: give the folder that holds one folder (or one "
                       ".zip) per student (to grade one zip, put it in a folder of its own).")
    if (root / "submitted").is_dir():
        return root / "submitted"
    return root


def discover(root: Path, stems: list[str], scratch: Path, skip: tuple[Path, ...] = ()
             ) -> list[StudentFiles]:
    """Every student of the class folder ``root``, sorted by name; zips are extracted into
    ``scratch/<student>/``. Entries in ``skip`` (the output folder) are not students."""
    root = class_folder(root)
    try:
        entries = sorted(os.scandir(root), key=lambda e: e.name)
    except OSError as err:
        raise BadInput(f"{root} cannot be read ({err.strerror}): give a folder this user can "
                       "read.") from None
    loose = [e.name for e in entries if e.is_file() and Path(e.name).stem in stems
             and Path(e.name).suffix in SUFFIXES]
    if loose:
        raise BadInput(f"{root} holds exercise files itself ({', '.join(loose)}): it looks like "
                       "one student's folder. Give the folder that holds one folder (or one .zip) "
                       "per student.")
    skip_real = {os.path.realpath(p) for p in skip}
    students = []
    for entry in entries:
        if entry.name.startswith(".") or entry.name in SKIPPED_FOLDERS:
            continue
        if os.path.realpath(entry.path) in skip_real:
            continue
        if entry.is_symlink():
            students.append(StudentFiles(_name(entry.name), Path(entry.path), problem=(
                f"{entry.path} is a symbolic link: the grader does not follow links out of the "
                "class folder. Copy the student's files in instead.")))
        elif entry.is_dir():
            students.append(from_folder(Path(entry.path), stems))
        elif entry.name.lower().endswith(".zip"):
            students.append(from_zip(Path(entry.path), stems, Path(scratch)))
    if not students:
        raise BadInput(f"{root} holds no student: expected one folder or one .zip per student "
                       f"(for example {root}/alice/e01_stacking.py or {root}/alice.zip).")
    names = [s.student for s in students]
    for s in students:
        if names.count(s.student) > 1:
            s.problem = s.problem or (f"two entries are called {s.student} ({s.origin.name} and "
                                      "another): rename one, or remove the older.")
            s.files = {}
    return students


def _name(entry: str) -> str:
    return entry[:-4] if entry.lower().endswith(".zip") else entry


def from_folder(folder: Path, stems: list[str]) -> StudentFiles:
    """The exercise files in one student's folder (not following links)."""
    found: list[tuple[str, Path]] = []  # (name relative to the folder, path)
    try:
        for dirpath, dirnames, filenames in os.walk(folder, onerror=_raise):
            depth = len(Path(dirpath).relative_to(folder).parts)
            dirnames[:] = sorted(d for d in dirnames if d not in SKIPPED_FOLDERS
                                 and not d.startswith(".") and depth + 1 < DEPTH)
            found += [(str(Path(dirpath, f).relative_to(folder)), Path(dirpath, f))
                      for f in sorted(filenames) if not f.startswith(".")]
    except OSError as err:
        return StudentFiles(folder.name, folder, problem=(
            f"{err.filename or folder} cannot be read ({err.strerror}): give the grader read "
            "access to the student's folder, then run the batch again."))
    if not found:
        return StudentFiles(folder.name, folder, problem=f"{folder} is empty: nothing was handed in.")
    return _choose(StudentFiles(folder.name, folder), found, stems)


def _raise(err: OSError) -> None:
    raise err


def _choose(sub: StudentFiles, found: list[tuple[str, Path]], stems: list[str]) -> StudentFiles:
    """Fill ``sub.files`` and ``sub.missing`` from the files ``found`` (relative name, path)."""
    for stem in stems:
        candidates = [(len(Path(rel).parts), rel, p) for rel, p in found
                      if Path(rel).name in (f"{stem}.py", f"{stem}.ipynb")]
        if not candidates:
            near = [rel for rel, _ in found if stem.lower() in Path(rel).name.lower()
                    and Path(rel).suffix.lower() in SUFFIXES]
            sub.missing[stem] = (f"not handed in: no {stem}.py or {stem}.ipynb in {sub.origin}"
                                 + (f" (found {', '.join(near)}: rename it to {stem}.py or "
                                    f"{stem}.ipynb)" if near else ""))
            continue
        top = min(c[0] for c in candidates)
        same = sorted((c for c in candidates if c[0] == top), key=lambda c: c[1])
        chosen = _latest(same)
        if len(candidates) > 1:
            others = ", ".join(c[1] for c in candidates if c is not chosen)
            sub.notes.append(f"{stem}: graded {chosen[1]}, not {others}")
        path = chosen[2]
        if path.is_symlink():
            sub.missing[stem] = (f"{chosen[1]} is a symbolic link: the grader reads only files "
                                 "the student handed in. Copy the file itself in.")
        elif path.stat().st_size > MAX_FILE:
            sub.missing[stem] = (f"{chosen[1]} is {path.stat().st_size >> 20} MB, more than the "
                                 f"{MAX_FILE >> 20} MB an exercise file may be: clear the "
                                 "notebook's outputs and hand it in again.")
        else:
            sub.files[stem] = path
    if not sub.files and not sub.problem:
        refused_files = [m for m in sub.missing.values() if not m.startswith("not handed in")]
        shown = sorted(rel for rel, _ in found)
        sub.problem = "; ".join(refused_files) or (
            f"no file named like an exercise in {sub.origin} (found "
            f"{', '.join(shown[:8])}{' ...' if len(shown) > 8 else ''}): each must be called as "
            f"in exercises/, e.g. {stems[0]}.py or {stems[0]}.ipynb")
    return sub


def _latest(same: list[tuple[int, str, Path]]) -> tuple[int, str, Path]:
    """Of files at the same depth: the ``.py``, or the notebook of its folder when that was saved
    after it (a student may work in either; ``pytest exercises`` decides the same way)."""
    py = [c for c in same if c[2].suffix == ".py"]
    if not py:
        return same[0]
    twin = next((c for c in same if c[2].suffix == ".ipynb"
                 and Path(c[1]).parent == Path(py[0][1]).parent), None)
    if twin is not None and twin[2].lstat().st_mtime > py[0][2].lstat().st_mtime + 1:
        return twin
    return py[0]


def from_zip(path: Path, stems: list[str], scratch: Path) -> StudentFiles:
    """One student's zip: checked whole, then only its exercise files extracted into
    ``scratch/<student>/`` (their folders kept, so the choice is the same as for a folder)."""
    sub = StudentFiles(_name(path.name), path)
    target = scratch / sub.student
    shutil.rmtree(target, ignore_errors=True)
    try:
        with zipfile.ZipFile(path) as z:
            members = z.infolist()
            sub.problem = refused(members, str(path))
            if sub.problem:
                return sub
            found = [m for m in members if not m.is_dir()
                     and PurePosixPath(m.filename).name not in SKIPPED_FOLDERS
                     and not any(part in SKIPPED_FOLDERS or part.startswith(".")
                                 for part in PurePosixPath(_posix(m.filename)).parts)]
            if not found:
                sub.problem = f"{path} is empty: nothing was handed in."
                return sub
            wanted = {f"{s}{x}" for s in stems for x in SUFFIXES}
            listed = []  # (name in the zip, extracted path): only exercise files come out
            for m in found:
                rel = _posix(m.filename)
                if len(PurePosixPath(rel).parts) > DEPTH:
                    continue
                if PurePosixPath(rel).name in wanted:
                    listed.append((rel, _extract(z, m, target / rel, str(path))))
                else:
                    listed.append((rel, target / rel))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError) as err:
        sub.problem = (f"{path} is not a zip file that can be read ({type(err).__name__}: "
                       f"{err}): ask the student to hand it in again.")
    except TooLarge as err:
        sub.problem = str(err)
    except NotImplementedError as err:  # a compression method zipfile lacks
        sub.problem = f"{path} cannot be extracted ({err}): ask the student for a plain zip."
    except RuntimeError as err:  # an encrypted member
        sub.problem = (f"{path} cannot be extracted ({err}): ask the student for a plain zip "
                       "without a password.")
    if sub.problem:  # nothing half-extracted stays behind
        shutil.rmtree(target, ignore_errors=True)
        return sub
    return _choose(sub, listed, stems)


def _posix(name: str) -> str:
    return name.replace("\\", "/")


def refused(members: list[zipfile.ZipInfo], zip_name: str) -> str:
    """Why a zip is refused as a whole (``""`` when it is not): a path outside itself, a link,
    or more entries or declared bytes than a course submission could have."""
    if len(members) > MAX_MEMBERS:
        return (f"{zip_name} lists {len(members)} entries, more than the {MAX_MEMBERS} a submission may "
                "have (a zip bomb, or not a course submission): it was not extracted.")
    total = 0
    for m in members:
        name = _posix(m.filename)
        parts = PurePosixPath(name).parts
        if name.startswith("/") or (len(name) > 1 and name[1] == ":") or ".." in parts:
            return (f"{zip_name} holds a path outside itself ({m.filename!r}): it was not extracted. Ask "
                    "the student to zip the folder of their exercises as it is.")
        if stat.S_ISLNK(m.external_attr >> 16):
            return (f"{zip_name} holds a symbolic link ({m.filename!r}): it was not extracted. Ask the "
                    "student to zip the files themselves.")
        total += m.file_size
    if total > MAX_UNZIPPED:
        return (f"{zip_name} would unzip to {total >> 20} MB, more than the {MAX_UNZIPPED >> 20} MB a "
                "submission may have (a zip bomb, or not a course submission): it was not "
                "extracted.")
    return ""


class TooLarge(Exception):
    """A zip member unzips to more than its header said, or more than an exercise file may be."""


def _extract(z: zipfile.ZipFile, member: zipfile.ZipInfo, target: Path, zip_name: str) -> Path:
    """Write ``member`` to ``target``, counting the bytes that really come out (a header may lie)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    written = 0
    with z.open(member) as src, open(target, "wb") as dst:
        for chunk in iter(lambda: src.read(1 << 16), b""):
            written += len(chunk)
            if written > MAX_FILE:
                dst.close()
                target.unlink()
                raise TooLarge(f"{zip_name}: {member.filename} unzips to more than {MAX_FILE >> 20} MB "
                               "(a zip bomb, or a notebook with huge outputs): it was not "
                               "extracted. Ask for the file with its outputs cleared.")
            dst.write(chunk)
    mtime = _zip_time(member)
    if mtime is not None:
        os.utime(target, (mtime, mtime))
    return target


def _zip_time(member: zipfile.ZipInfo) -> float | None:
    import time

    try:
        return time.mktime((*member.date_time, 0, 0, -1))
    except (OverflowError, ValueError):
        return None
