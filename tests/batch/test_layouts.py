"""Finding submissions: each layout, and every bad input as a student's row with a reason (never
a crash), or, for the instructor's own mistakes, BadInput naming the path and the fix."""

from __future__ import annotations

import os
import stat
import zipfile
from pathlib import Path

import pytest

from autograder.batch import layouts
from autograder.batch.layouts import BadInput, digest, discover

STEMS = ["e01_stacking", "e02_distances", "e03_mnist_loss"]


def put(path: Path, text: str = "x = 1\n") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def by_name(students):
    return {s.student: s for s in students}


def test_a_folder_per_student(tmp_path):
    put(tmp_path / "class" / "alice" / "e01_stacking.py")
    put(tmp_path / "class" / "alice" / "e02_distances.ipynb", "{}")
    put(tmp_path / "class" / "bob" / "exercises" / "e03_mnist_loss.py")  # one folder down
    put(tmp_path / "class" / "bob" / ".ipynb_checkpoints" / "e01_stacking.py")  # not his work
    put(tmp_path / "class" / "notes.txt")  # not a student
    s = by_name(discover(tmp_path / "class", STEMS, tmp_path / "scratch"))
    assert sorted(s) == ["alice", "bob"]
    assert s["alice"].files == {"e01_stacking": tmp_path / "class/alice/e01_stacking.py",
                                "e02_distances": tmp_path / "class/alice/e02_distances.ipynb"}
    assert s["alice"].missing["e03_mnist_loss"].startswith("not handed in: no e03_mnist_loss.py")
    assert s["bob"].files == {"e03_mnist_loss": tmp_path / "class/bob/exercises/e03_mnist_loss.py"}
    assert "e01_stacking" in s["bob"].missing  # the checkpoint copy is not graded
    assert not s["alice"].problem and not s["bob"].problem


def test_the_notebook_saved_after_the_py_is_graded(tmp_path):
    py = put(tmp_path / "c" / "ann" / "e01_stacking.py")
    nb = put(tmp_path / "c" / "ann" / "e01_stacking.ipynb", "{}")
    os.utime(py, (1_000_000, 1_000_000))
    (ann,) = discover(tmp_path / "c", STEMS, tmp_path / "s")
    assert ann.files["e01_stacking"] == nb
    assert any("graded e01_stacking.ipynb, not e01_stacking.py" in n for n in ann.notes)
    os.utime(nb, (900_000, 900_000))
    (ann,) = discover(tmp_path / "c", STEMS, tmp_path / "s")
    assert ann.files["e01_stacking"] == py


def test_nbgraders_submitted_folder(tmp_path):
    course = tmp_path / "course"
    for student in ("alice", "bob"):
        for stem in ("e01_stacking", "e03_mnist_loss"):
            put(course / "submitted" / student / stem / f"{stem}.ipynb", "{}")
            put(course / "submitted" / student / stem / "timestamp.txt", "2024-01-01")
    put(course / "source" / "e01_stacking" / "e01_stacking.ipynb", "{}")
    for root in (course, course / "submitted"):  # the course folder, or its submitted/
        s = by_name(discover(root, STEMS, tmp_path / "scratch"))
        assert sorted(s) == ["alice", "bob"]
        assert s["bob"].files["e03_mnist_loss"] == (
            course / "submitted/bob/e03_mnist_loss/e03_mnist_loss.ipynb")
        assert set(s["bob"].missing) == {"e02_distances"}


def make_zip(path: Path, members: dict[str, bytes]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return path


def test_a_zip_per_student_extracts_only_the_exercise_files(tmp_path):
    make_zip(tmp_path / "class" / "carol.zip", {
        "carol_hw/e01_stacking.py": b"a = 1\n",
        "carol_hw/e02_distances.ipynb": b"{}",
        "carol_hw/data/huge.bin": b"\0" * 1000,
        "__MACOSX/carol_hw/._e01_stacking.py": b"junk",
    })
    (carol,) = discover(tmp_path / "class", STEMS, tmp_path / "scratch")
    assert carol.student == "carol" and not carol.problem
    assert carol.files["e01_stacking"] == tmp_path / "scratch/carol/carol_hw/e01_stacking.py"
    assert carol.files["e01_stacking"].read_bytes() == b"a = 1\n"
    assert not (tmp_path / "scratch/carol/carol_hw/data").exists()  # only exercise files come out
    assert not (tmp_path / "scratch/carol/__MACOSX").exists()
    assert set(carol.missing) == {"e03_mnist_loss"}


def symlink_zip(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w") as z:
        info = zipfile.ZipInfo("e01_stacking.py")
        info.external_attr = (stat.S_IFLNK | 0o777) << 16
        z.writestr(info, "/etc/passwd")
    return path


@pytest.mark.parametrize("kind, words", [
    ("corrupt", "not a zip file that can be read"),
    ("truncated", "not a zip file that can be read"),
    ("dotdot", "holds a path outside itself ('../e01_stacking.py')"),
    ("absolute", "holds a path outside itself ('/tmp/e01_stacking.py')"),
    ("backslash", "holds a path outside itself"),
    ("symlink", "holds a symbolic link"),
    ("many", "entries, more than the"),
    ("declared_big", "would unzip to"),
    ("real_big", "unzips to more than"),
    ("empty", "is empty: nothing was handed in"),
    ("wrong_names", "no file named like an exercise"),
])
def test_a_bad_zip_is_a_row_with_a_reason(tmp_path, monkeypatch, kind, words):
    z = tmp_path / "class" / "mallory.zip"
    good = make_zip(tmp_path / "good.zip", {"e01_stacking.py": b"x = 1\n" * 100})
    if kind == "corrupt":
        z.parent.mkdir(parents=True)
        z.write_bytes(b"PK\x03\x04 this is not a zip")
    elif kind == "truncated":
        z.parent.mkdir(parents=True)
        z.write_bytes(good.read_bytes()[:-30])
    elif kind == "dotdot":
        make_zip(z, {"e02_distances.py": b"", "../e01_stacking.py": b"x = 1\n"})
    elif kind == "absolute":
        make_zip(z, {"/tmp/e01_stacking.py": b"x = 1\n"})
    elif kind == "backslash":
        make_zip(z, {"..\\..\\e01_stacking.py": b"x = 1\n"})
    elif kind == "symlink":
        symlink_zip(z)
    elif kind == "many":
        monkeypatch.setattr(layouts, "MAX_MEMBERS", 10)
        make_zip(z, {f"f{i}.txt": b"" for i in range(11)})
    elif kind == "declared_big":
        monkeypatch.setattr(layouts, "MAX_UNZIPPED", 1000)
        make_zip(z, {"e01_stacking.py": b"#" * 2000})
    elif kind == "real_big":  # a small zip that inflates past the limit of one file
        monkeypatch.setattr(layouts, "MAX_FILE", 10_000)
        make_zip(z, {"e01_stacking.py": b"#" * 50_000})
    elif kind == "empty":
        make_zip(z, {"folder/": b""})
    elif kind == "wrong_names":
        make_zip(z, {"homework1.py": b"x = 1\n", "E_01.ipynb": b"{}"})
    put(tmp_path / "class" / "bob" / "e01_stacking.py")
    s = by_name(discover(tmp_path / "class", STEMS, tmp_path / "scratch"))
    assert words in s["mallory"].problem, s["mallory"].problem
    assert s["mallory"].files == {}
    assert s["bob"].files and not s["bob"].problem  # the others are graded as usual
    outside = [p for p in tmp_path.rglob("e01_stacking.py")
               if "scratch" in p.parts and "mallory" not in p.parts]
    assert outside == []


def test_a_zip_whose_header_lies_about_the_size_is_stopped_while_it_inflates(tmp_path, monkeypatch):
    monkeypatch.setattr(layouts, "MAX_FILE", 10_000)
    z = make_zip(tmp_path / "class" / "liar.zip", {"e01_stacking.py": b"#" * 50_000})
    data = bytearray(z.read_bytes())  # file_size in both headers claims 100 bytes
    for sig, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = data.find(sig)
        data[at + offset: at + offset + 4] = (100).to_bytes(4, "little")
    z.write_bytes(bytes(data))
    (liar,) = discover(tmp_path / "class", STEMS, tmp_path / "scratch")
    assert liar.problem and not liar.files
    assert not any((tmp_path / "scratch").rglob("e01_stacking.py"))


def test_folders_that_cannot_be_graded(tmp_path, monkeypatch):
    (tmp_path / "class" / "empty").mkdir(parents=True)
    put(tmp_path / "class" / "renamed" / "E01 stacking (1).py")
    put(tmp_path / "class" / "renamed" / "e02_distances (1).py")
    put(tmp_path / "class" / "partly" / "e01_stacking.py")
    put(tmp_path / "class" / "partly" / "e02_distances (1).py")
    (tmp_path / "class" / "linked").symlink_to(tmp_path / "class" / "partly")
    put(tmp_path / "elsewhere" / "e01_stacking.py")
    (tmp_path / "class" / "linkfile").mkdir()
    (tmp_path / "class" / "linkfile" / "e01_stacking.py").symlink_to(tmp_path / "elsewhere" /
                                                                      "e01_stacking.py")
    s = by_name(discover(tmp_path / "class", STEMS, tmp_path / "scratch"))
    assert "is empty" in s["empty"].problem
    assert "no file named like an exercise" in s["renamed"].problem
    assert "E01 stacking (1).py" in s["renamed"].problem
    assert not s["partly"].problem
    assert "rename it to e02_distances.py" in s["partly"].missing["e02_distances"]
    assert "symbolic link" in s["linked"].problem
    assert "symbolic link" in s["linkfile"].problem and not s["linkfile"].files


def test_an_unreadable_folder_is_a_row(tmp_path, monkeypatch):
    put(tmp_path / "class" / "locked" / "e01_stacking.py")
    put(tmp_path / "class" / "open" / "e01_stacking.py")
    real_walk = os.walk

    def walk(top, onerror=None, **kw):
        if Path(top).name == "locked":
            onerror(PermissionError(13, "Permission denied", str(top)))
        yield from real_walk(top, onerror=onerror, **kw)

    monkeypatch.setattr(layouts.os, "walk", walk)
    s = by_name(discover(tmp_path / "class", STEMS, tmp_path / "scratch"))
    assert "cannot be read (Permission denied)" in s["locked"].problem
    assert s["open"].files


def test_the_instructors_mistakes_name_the_path_and_the_fix(tmp_path):
    with pytest.raises(BadInput, match="does not exist: give the folder"):
        discover(tmp_path / "nope", STEMS, tmp_path / "s")
    put(tmp_path / "file.txt")
    with pytest.raises(BadInput, match="is not a folder"):
        discover(tmp_path / "file.txt", STEMS, tmp_path / "s")
    put(tmp_path / "one" / "e01_stacking.py")
    with pytest.raises(BadInput, match="looks like one student's folder"):
        discover(tmp_path / "one", STEMS, tmp_path / "s")
    (tmp_path / "none").mkdir()
    put(tmp_path / "none" / "readme.md")
    with pytest.raises(BadInput, match="holds no student"):
        discover(tmp_path / "none", STEMS, tmp_path / "s")


def test_the_output_folder_inside_the_class_folder_is_no_student(tmp_path):
    put(tmp_path / "class" / "ann" / "e01_stacking.py")
    (tmp_path / "class" / "graded").mkdir()
    s = discover(tmp_path / "class", STEMS, tmp_path / "s", skip=(tmp_path / "class" / "graded",))
    assert [x.student for x in s] == ["ann"]


def test_the_digest_is_of_the_bytes_and_the_kind_of_file(tmp_path):
    a, b = put(tmp_path / "a.py", "x = 1\n"), put(tmp_path / "b.py", "x = 1\n")
    assert digest(a) == digest(b)
    assert digest(a) != digest(put(tmp_path / "c.ipynb", "x = 1\n"))
    assert digest(a) != digest(put(tmp_path / "a.py", "x = 2\n"))
