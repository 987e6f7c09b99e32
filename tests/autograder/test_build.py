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
        '    raise NotImplementedError("e00_demo: write f here (stuck? mnist-grade hint e00_demo)")'
        in stub
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
        first = out.text.splitlines()[0] if out.path.suffix != ".ipynb" else out.text
        assert "generated" in first.lower(), out.path


def test_notebooks_are_reproducible_byte_for_byte():
    first = {o.path: o.text for o in build.outputs()}
    assert first == {o.path: o.text for o in build.outputs()}


def test_every_stub_of_the_registry_has_checks_and_hints():
    for stem in registry.STEMS:
        ex = registry.exercise(stem)
        assert ex.checks and len(ex.hints) >= 2 and ex.section, stem
