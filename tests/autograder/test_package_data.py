"""What the installed package reads at run time is generated into it (issue 12, item 3): the
questionnaire's copy and the imports each stub allows; nothing at run time reads the repository."""

import json
import shutil
from pathlib import Path

import pytest

from autograder import cli
from autograder.build import package_data, pipeline
from autograder.core import paths
from autograder.core.errors import BuildError
from autograder.core.exercise import STEMS
from autograder.grading import isolated
from autograder.quiz import catalogue

ROOT = Path(__file__).resolve().parents[2]


def test_the_generated_files_sit_where_the_package_reads_them():
    written = {out.path for out in package_data.outputs(ROOT)}
    assert written == {catalogue.packaged_path(), Path(isolated.__file__).with_name(isolated.STUB_IMPORTS)}
    assert ROOT / package_data.QUESTIONNAIRE == catalogue.packaged_path()


def test_pyproject_ships_every_generated_package_file():
    import tomllib

    shipped = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]
    for out in package_data.outputs(ROOT):
        package = ".".join(out.path.parent.relative_to(ROOT).parts)
        assert out.path.name in shipped.get(package, []), f"{out.path} is not in the wheel"


def test_the_questionnaire_is_read_from_the_package_copy(monkeypatch):
    """(That the copy equals solutions/questionnaire.yaml is the build's check.)"""
    def no_repository(root=None):
        raise AssertionError("read solutions/ at run time")

    monkeypatch.setattr(catalogue, "yaml_path", no_repository)  # a wheel: no solutions/ anywhere
    assert len(catalogue.load()) >= 37


STUB = '''
import torch
from mnist_ref.linear import mnist_loss, batch_accuracy


def train_epoch(model, lr, params):
    from mnist_ref.linear import calc_grad  # a function's import counts: the grader runs it
    raise NotImplementedError


if __name__ == "__main__":  # the notebook's check cell: the grader never runs it
    from autograder.frontends.notebook import check, hint
    from mnist_ref.linear import train_epoch

    check("e04_train_epoch", globals())
'''


def test_allowed_imports_leave_out_the_main_guard():
    assert isolated.allowed_imports(STUB) == {
        "mnist_ref.linear": ("batch_accuracy", "calc_grad", "mnist_loss")}
    reversed_guard = STUB.replace('__name__ == "__main__"', "'__main__' == __name__")
    assert isolated.allowed_imports(reversed_guard) == isolated.allowed_imports(STUB)


def test_every_stub_allows_what_it_imports_and_no_check_cell_import():
    table = json.loads(Path(isolated.__file__).with_name(isolated.STUB_IMPORTS).read_text())
    missing = [s for s in [*STEMS, catalogue.STEM] if s not in table]
    assert not missing, f"{isolated.STUB_IMPORTS} lacks {missing}: run `mnist-grade build`"
    for stem, imports in table.items():
        if stem.startswith("_"):
            continue
        stub = (ROOT / "exercises" / f"{stem}.py").read_text()
        assert isolated.stub_imports(stem) == isolated.allowed_imports(stub)
        assert not any(module.startswith("autograder") for module in imports), stem
    assert isolated.stub_imports("e04_train_epoch") == {
        "mnist_ref.linear": ("batch_accuracy", "mnist_loss")}


def test_editing_a_stub_widens_nothing(tmp_path):
    """A student who adds a reference import to their copy of the stub gets it refused: what the
    worker allows comes from the stub as generated, not from the file graded."""
    from autograder.grading.runner import close, load_submission

    assert isolated.stub_imports("e03_mnist_loss") == {}
    assert isolated.stub_imports("no_such_exercise") == {}
    widened = tmp_path / "e03_mnist_loss.py"
    widened.write_text("from mnist_ref.linear import mnist_loss\n"
                       + (ROOT / "exercises" / "e03_mnist_loss.py").read_text())
    sub = load_submission(widened, "e03_mnist_loss")
    try:
        assert isinstance(sub, Exception), "the widened import was allowed"
        assert "mnist_ref" in str(sub)
    finally:
        close(sub)


def test_build_refuses_a_folder_without_sources(tmp_path, monkeypatch, capsys):
    """An installed package's folder has no solutions/: the build says so and writes nothing."""
    with pytest.raises(BuildError, match="no solutions/ folder"):
        pipeline.outputs(tmp_path)
    monkeypatch.setattr(paths, "ROOT", tmp_path)
    assert cli.main(["build"]) == 2
    assert "in a clone of the project" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_a_stale_package_copy_fails_the_check(tmp_path):
    root = tmp_path / "project"
    (root / "solutions").mkdir(parents=True)
    shutil.copy(ROOT / "solutions" / "questionnaire.yaml", root / "solutions")
    pipeline.build(root)
    assert pipeline.build(root, check=True) == []
    yaml = root / "solutions" / "questionnaire.yaml"
    yaml.write_text(yaml.read_text() + "\n# a maintainer's edit\n")
    assert root / package_data.QUESTIONNAIRE in pipeline.build(root, check=True)
