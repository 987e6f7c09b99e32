"""Every mutant loses exactly the points it should, with its message; every alternative gets full
marks. (The catalogue: tests/mutants/ and tests/alternatives/; see autograder.maint.mutants.)"""

import pytest

from autograder.maint import mutants

MUTANTS = mutants.discover("mutants")
ALTERNATIVES = mutants.discover("alternatives")


def test_catalogue_is_large_enough():
    assert len(MUTANTS) >= 30
    assert ALTERNATIVES


@pytest.mark.parametrize("case", MUTANTS, ids=lambda c: c.name)
def test_mutant_is_caught(case):
    problems = mutants.verdict(case, mutants.grade(case))
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("case", ALTERNATIVES, ids=lambda c: c.name)
def test_alternative_gets_full_marks(case):
    problems = mutants.verdict(case, mutants.grade(case))
    assert not problems, "\n".join(problems)


def test_the_catalogue_holds_on_the_embedded_digits_too(embedded_env):
    """The cases above run on whatever data the session found (the complete data in CI); an
    offline student grades on the embedded digits, so the whole catalogue runs there as well."""
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k != "MNIST_REF_DATA"} | embedded_env
    out = subprocess.run([sys.executable, "-m", "autograder.cli", "mutants"], env=env,
                         capture_output=True, text=True, timeout=900)
    assert out.returncode == 0, out.stdout[-5000:]
    assert "false failures: 0/" in out.stdout
