"""Where data comes from: explicit > fastai cache (or download) > embedded; archives; env vars."""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
import textwrap
from pathlib import Path

import pytest
from mnist_data_testkit import make_archive, make_tree, mnist_counts

import mnist_ref.data.sources as sources
from mnist_ref.data import (
    CACHE_ENV,
    DATA_ENV,
    OFFLINE_ENV,
    fastai_data_dir,
    load_dataset,
    locate,
    seed_fastai_cache,
)
from mnist_ref.data.fastai_cache import can_download
from mnist_ref.data.settings import cache_root

ROOT = Path(__file__).resolve().parents[2]


def quiet(*args, **kwargs):
    return load_dataset(*args, progress=False, announce=None, **kwargs)


def n_train(*args):
    return len(quiet(*args).train_y)


def test_explicit_argument_beats_env_beats_fastai_cache_beats_embedded(
    tmp_path, isolated_env, monkeypatch
):
    arg = make_tree(tmp_path / "arg", {("train", 3): 1, ("train", 7): 1, **_valid(1)})
    env = make_tree(tmp_path / "env", {("train", 3): 2, ("train", 7): 2, **_valid(1)})
    make_tree(
        isolated_env.fastai_data / "mnist_sample", {("train", 3): 3, ("train", 7): 3, **_valid(1)}
    )
    monkeypatch.setenv(DATA_ENV, str(env))

    assert locate("mnist_sample", arg)[1:] == (f"explicit folder {arg}", "explicit", False)
    assert n_train("mnist_sample", arg) == 2
    assert n_train("mnist_sample") == 4  # env
    monkeypatch.setenv(DATA_ENV, "")  # empty means unset
    root, source, kind, complete = locate("mnist_sample")
    assert (root, kind, complete) == (
        isolated_env.fastai_data / "mnist_sample",
        "fastai-cache",
        False,
    )
    assert source == f"fastai cache {root}"
    assert n_train("mnist_sample") == 6
    assert locate("mnist")[2] == "embedded"  # no mnist_png anywhere


def _valid(n):
    return {("valid", 3): n, ("valid", 7): n}


def test_explicit_archive_is_extracted_into_fastai_data_and_reused(
    tmp_path, isolated_env, monkeypatch
):
    archive = make_archive(
        tmp_path / "dl" / "mnist_sample.tgz", make_tree(tmp_path / "mnist_sample")
    )
    root, source, kind, complete = locate("mnist_sample", archive)
    assert root == isolated_env.fastai_data / "mnist_sample"
    assert (source, kind, complete) == (f"archive {archive}", "explicit", False)
    assert sorted(p.name for p in (root / "train" / "3").iterdir()) == ["0.png", "1.png", "2.png"]
    assert not [p for p in isolated_env.fastai_data.iterdir() if p.name.startswith(".")]

    def no_extraction(*a, **k):
        raise AssertionError("extracted twice")

    monkeypatch.setattr(tarfile, "open", no_extraction)
    assert locate("mnist_sample", tmp_path / "dl")[0] == root  # folder holding the archive
    assert locate("mnist_sample")[1] == f"fastai cache {root}"  # and it is fastai's cache now


def test_folder_holding_an_extracted_dataset(tmp_path):
    make_tree(tmp_path / "mnist_sample")
    make_tree(tmp_path / "mnist_png", mnist_counts())
    assert locate("mnist_sample", tmp_path)[:2] == (
        tmp_path / "mnist_sample",
        f"explicit folder {tmp_path / 'mnist_sample'}",
    )
    ds = quiet("mnist", tmp_path)
    assert (len(ds.train_y), len(ds.valid_y), ds.kind) == (20, 10, "explicit")
    assert ds.train_y.tolist() == [d for d in range(10) for _ in range(2)]


def test_archive_without_a_top_folder(tmp_path, isolated_env):
    tree = make_tree(tmp_path / "flat")
    archive = make_archive(tmp_path / "mine.tar.gz", tree, arcname=".")
    root = seed_fastai_cache(archive)
    assert root == isolated_env.fastai_data / "mine"
    assert (root / "valid" / "7" / "1.png").is_file()


def test_seeded_mnist_png_archive_is_fastais_mnist(tmp_path, isolated_env):
    tree = make_tree(tmp_path / "mnist_png", mnist_counts(train=1, valid=1))
    archive = make_archive(tmp_path / "mnist_png.tgz", tree)
    assert seed_fastai_cache(archive) == isolated_env.fastai_data / "mnist_png"
    ds = quiet("mnist")
    assert (ds.kind, len(ds.train_y), len(ds.valid_y)) == ("fastai-cache", 10, 10)


def test_fastai_data_dir_follows_fastai_rules(tmp_path, monkeypatch):
    home = tmp_path / "fh"
    monkeypatch.setenv("FASTAI_HOME", str(home))
    assert fastai_data_dir() == home / "data"
    home.mkdir()
    (home / "config.ini").write_text("[DEFAULT]\ndata = mydata\narchive = archive\n")
    assert fastai_data_dir() == home / "mydata"
    (home / "config.ini").write_text(f"[DEFAULT]\ndata = {tmp_path / 'abs'}\n")
    assert fastai_data_dir() == tmp_path / "abs"
    monkeypatch.delenv("FASTAI_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "user"))
    assert fastai_data_dir() == tmp_path / "user" / ".fastai" / "data"


def test_cache_root_follows_env(tmp_path, monkeypatch):
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "c"))
    assert cache_root() == tmp_path / "c"
    monkeypatch.delenv(CACHE_ENV)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_root() == tmp_path / "xdg" / "mnist_ref"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "user"))
    assert cache_root() == tmp_path / "user" / ".cache" / "mnist_ref"


def test_offline_never_touches_the_network(monkeypatch):
    def boom(*a, **k):
        raise AssertionError("network used while offline")

    monkeypatch.setattr("socket.create_connection", boom)
    assert not can_download()
    assert locate("mnist_sample")[2] == "embedded"


def test_unreachable_host_means_no_download(monkeypatch):
    monkeypatch.setenv(OFFLINE_ENV, "0")

    def refuse(*a, **k):
        raise OSError("Network is unreachable")

    monkeypatch.setattr("socket.create_connection", refuse)
    assert not can_download()


def test_download_when_online(tmp_path, monkeypatch):
    fetched = make_tree(tmp_path / "fastai" / "mnist_sample")
    monkeypatch.setattr(sources, "can_download", lambda: True)
    monkeypatch.setattr(sources, "download_with_fastai", lambda layout: fetched)
    root, source, kind, _ = locate("mnist_sample")
    assert (root, kind) == (fetched, "fastai-cache")
    assert source == f"fastai cache {fetched} (downloaded)"


def test_failed_download_falls_through_to_embedded(monkeypatch, capsys):
    def fail(layout):
        raise ConnectionError("connection reset by peer")

    monkeypatch.setattr(sources, "can_download", lambda: True)
    monkeypatch.setattr(sources, "download_with_fastai", fail)
    assert locate("mnist_sample")[2] == "embedded"
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err


def test_importing_the_package_does_not_import_fastai(isolated_env):
    code = textwrap.dedent(
        """
        import sys
        import mnist_ref.data as d
        d.fastai_data_dir(); d.locate("mnist_sample")
        print("fastai" in sys.modules)
        """
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    make_tree(isolated_env.fastai_data / "mnist_sample")
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "False"


@pytest.mark.slow
def test_book_untar_data_finds_the_seeded_archive(tmp_path, isolated_env):
    """The book's own line works offline once the archive is seeded (imports fastai: slow)."""
    archive = make_archive(tmp_path / "mnist_sample.tgz", make_tree(tmp_path / "mnist_sample"))
    root = seed_fastai_cache(archive)
    code = textwrap.dedent(
        """
        from fastai.data.external import URLs, untar_data
        path = untar_data(URLs.MNIST_SAMPLE)
        print(path)
        print(len((path/'train'/'3').ls().sorted()))
        """
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == [str(root), "3"]
