"""Every command the grader prints works when copied as printed, after the README's quick start
(``.venv`` at the repository root, never activated)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from autograder.checks import registry
from autograder.core import commands, markers

ROOT = Path(__file__).resolve().parents[2]
VENV_BIN = ROOT / ".venv" / "bin"
#: A shell that has not activated the environment: the system's folders only.
PLAIN_PATH = "/usr/local/bin:/usr/bin:/bin"

quick_start_venv = pytest.mark.skipif(
    not (VENV_BIN / "mnist-grade").exists()
    or Path(sysconfig.get_path("scripts")).resolve() != VENV_BIN.resolve(),
    reason="runs in the environment the README's quick start makes (.venv at the repository "
           "root, with mnist-grade installed); this Python is another one",
)


def shell(command: str, cwd: Path = ROOT, path: str = PLAIN_PATH) -> subprocess.CompletedProcess:
    """``command`` as a student pastes it into a shell whose PATH is ``path``."""
    env = {**os.environ, "PATH": path}
    return subprocess.run(["bash", "-c", command], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=300)


def test_command_is_the_bare_name_only_when_the_shell_finds_this_environments_script(
        tmp_path, monkeypatch):
    scripts = Path(sysconfig.get_path("scripts"))
    monkeypatch.setenv("PATH", f"{scripts}{os.pathsep}{PLAIN_PATH}")
    assert commands.command("mnist-grade", cwd=tmp_path) == "mnist-grade"
    monkeypatch.setenv("PATH", PLAIN_PATH)
    assert commands.command("mnist-grade", cwd=tmp_path) == str(scripts / "mnist-grade")


@quick_start_venv
def test_from_the_repository_root_it_is_the_quick_starts_relative_path(monkeypatch):
    monkeypatch.setenv("PATH", PLAIN_PATH)
    assert commands.command("mnist-grade", cwd=ROOT) == ".venv/bin/mnist-grade"
    assert commands.mnist_grade("hint", "e03_mnist_loss", cwd=ROOT) == (
        ".venv/bin/mnist-grade hint e03_mnist_loss")


def test_terminal_hints_point_at_a_command_notebook_hints_at_the_function(monkeypatch):
    monkeypatch.setenv("PATH", PLAIN_PATH)
    terminal = registry.hint("e03_mnist_loss", 1)
    assert re.search(r"\(more: \S*mnist-grade hint e03_mnist_loss 2\)$", terminal), terminal
    assert "hint(" not in terminal
    assert registry.hint("e03_mnist_loss", 1, notebook=True).endswith(
        '(more: hint("e03_mnist_loss", 2))')


def test_the_stubs_say_the_quick_starts_command_and_the_notebook_call():
    stub = markers.strip_solutions("def f():\n    ### BEGIN SOLUTION\n    pass\n    ### END SOLUTION\n",
                                   "e03_mnist_loss")
    assert ".venv/bin/mnist-grade hint e03_mnist_loss in a terminal" in stub
    assert "hint('e03_mnist_loss') in the notebook" in stub
    generated = (ROOT / "exercises" / "e03_mnist_loss.py").read_text()
    assert "stuck? .venv/bin/mnist-grade hint e03_mnist_loss in a terminal" in generated


@quick_start_venv
def test_the_printed_commands_work_when_pasted_into_a_plain_shell():
    """The README's students' section writes every command with ``.venv/bin/``; its hint command,
    then the one its output prints for more, run in a shell that never activated the environment;
    the stubs print the README's."""
    readme = (ROOT / "README.md").read_text()
    section = readme[readme.index("## For students"):readme.index("### What the grader protects")]
    spans = re.findall(r"`([^`\n]+)`", section)
    bare = [c for c in spans if re.match(r"(pytest|mnist-grade|jupyter|python) ", c)]
    assert bare == ["pytest exercises"] * len(bare), (  # "Options of `pytest exercises`": a name
        f"commands a shell without the environment cannot run: {bare}")
    assert ".venv/bin/mnist-grade hint e03_mnist_loss" in spans
    assert ".venv/bin/mnist-grade hint e03_mnist_loss 2" in spans

    first = shell(".venv/bin/mnist-grade hint e03_mnist_loss")
    assert first.returncode == 0, first.stderr
    more = re.search(r"\(more: (.+)\)$", first.stdout.strip()).group(1)
    assert more == ".venv/bin/mnist-grade hint e03_mnist_loss 2"
    second = shell(more)
    assert second.returncode == 0 and "hint 2 of" in second.stdout, second.stderr
    stub = (ROOT / "exercises" / "e03_mnist_loss.py").read_text()
    assert re.search(r"stuck\? (.+?) in a terminal", stub).group(1) == (
        ".venv/bin/mnist-grade hint e03_mnist_loss")


def test_hint_in_a_notebook_prints_the_notebook_call(capsys):
    from autograder.frontends.notebook import hint

    hint("e03_mnist_loss")
    assert '(more: hint("e03_mnist_loss", 2))' in capsys.readouterr().out
    assert sys.modules["autograder.frontends.notebook"].check.__doc__
