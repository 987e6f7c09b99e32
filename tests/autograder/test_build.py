"""One source of truth: the build turns solutions into stubs and notebooks, reproducibly."""

import pytest

from autograder import build
from autograder.checks import registry
from autograder.core import markers

SOURCE = '''# %% [markdown]
# # Title

# %%
class Opt:
    def step(self):
        ### BEGIN SOLUTION
        return 1
        ### END SOLUTION


def f(x):
    """Doc."""
    ### BEGIN SOLUTION
    y = x + 1
    return y
    ### END SOLUTION
'''


def test_solution_regions_become_not_implemented_errors_naming_the_function():
    stub = markers.strip_solutions(SOURCE, "e00_demo")
    assert "return 1" not in stub and "y = x + 1" not in stub
    assert '        raise NotImplementedError("e00_demo: write Opt.step here' in stub
    assert (
        '    raise NotImplementedError("e00_demo: write f here (stuck? .venv/bin/mnist-grade hint '
        "e00_demo in a terminal, hint('e00_demo') in the notebook)\")" in stub
    )
    assert '"""Doc."""' in stub
    compile(stub, "stub", "exec")


@pytest.mark.parametrize("bad", ["### BEGIN SOLUTION\nx = 1\n", "x = 1\n### END SOLUTION\n"])
def test_unbalanced_markers_are_a_build_error(bad):
    with pytest.raises(build.BuildError, match="demo.py"):
        markers.strip_solutions(bad, "e00_demo", "demo.py")


def test_generated_files_are_in_sync_with_their_sources():
    stale = build.build(check=True)
    assert not stale, f"stale generated files (run `mnist-grade build`): {stale}"


def test_every_generated_file_says_where_it_comes_from():
    for out in build.outputs():
        if out.path.name == "README.md":  # a hand-written file with generated regions
            assert "<!-- BEGIN GENERATED:" in out.text
            continue
        # a .py's first line; an exercise's .py starts with a markdown cell (its first two lines)
        first = "\n".join(out.text.splitlines()[:2]) if out.path.suffix != ".ipynb" else out.text
        assert "generated" in first.lower(), out.path


def test_notebooks_are_reproducible_byte_for_byte():
    first = {o.path: o.text for o in build.outputs()}
    assert first == {o.path: o.text for o in build.outputs()}


def test_every_stub_of_the_registry_has_checks_and_hints():
    for stem in registry.STEMS:
        ex = registry.exercise(stem)
        assert ex.checks and len(ex.hints) >= 2 and ex.section, stem


def _small_project(tmp_path):
    """A project folder with two sources (an exercise and the questionnaire), built."""
    import shutil

    from autograder.core.paths import ROOT

    root = tmp_path / "project"
    (root / "solutions").mkdir(parents=True)
    for name in ("e03_mnist_loss.py", "questionnaire.yaml"):
        shutil.copy(ROOT / "solutions" / name, root / "solutions" / name)
    build.build(root)
    return root


def test_a_file_no_generator_writes_is_a_stray_and_fails_the_check(tmp_path, monkeypatch, capsys):
    from autograder import cli
    from autograder.core import paths

    root = _small_project(tmp_path)
    monkeypatch.setattr(paths, "ROOT", root)
    assert build.strays(root) == [] and cli.main(["build", "--check"]) == 0
    strays = [root / "exercises" / "scratch.py",
              root / "course" / "source" / "e03_mnist_loss" / "old_copy.ipynb"]
    allowed = [root / "exercises" / ".ipynb_checkpoints" / "e03_mnist_loss-checkpoint.ipynb",
               root / "exercises" / "__pycache__" / "e03_mnist_loss.cpython-312.pyc",
               root / "course" / "gradebook.db", root / "course" / "grades.csv",
               root / "course" / "release" / "e03_mnist_loss" / "e03_mnist_loss.ipynb",
               root / "course" / "submitted" / "alice" / "e03_mnist_loss" / "e03_mnist_loss.ipynb"]
    for path in strays + allowed:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("not generated\n")
    assert build.strays(root) == sorted(strays)
    capsys.readouterr()
    assert cli.main(["build", "--check"]) == 1
    out = capsys.readouterr().out
    assert "stray: exercises/scratch.py" in out and "old_copy.ipynb" in out
    assert "stale" not in out and "gradebook" not in out
