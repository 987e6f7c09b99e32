"""Every mutant loses exactly the points it should, with its message; every alternative gets full
marks. (The catalogue: tests/mutants/ and tests/alternatives/; see autograder.maint.mutants.)"""

import pytest

from autograder.maint import mutants

MUTANTS = mutants.discover("mutants")
ALTERNATIVES = mutants.discover("alternatives")


#: Exercises whose every case trains for tens of seconds (the book's fastai runs): slow tier only.
SLOW_EXERCISES = {"e05a_fastai_learner"}


def tiered(cases):
    """The first case of each exercise in the default tier, every other one in the slow tier
    (the whole catalogue takes minutes; ``.ci/run`` runs it)."""
    seen, params = set(), []
    for case in cases:
        slow = case.exercise in seen or case.exercise in SLOW_EXERCISES
        marks = (pytest.mark.slow,) if slow else ()
        seen.add(case.exercise)
        params.append(pytest.param(case, id=case.name, marks=marks))
    return params


def test_catalogue_is_large_enough():
    assert len(MUTANTS) >= 30
    assert ALTERNATIVES


@pytest.mark.parametrize("case", tiered(MUTANTS))
def test_mutant_is_caught(case):
    problems = mutants.verdict(case, mutants.grade(case))
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("case", tiered(ALTERNATIVES))
def test_alternative_gets_full_marks(case):
    problems = mutants.verdict(case, mutants.grade(case))
    assert not problems, "\n".join(problems)


@pytest.mark.slow
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


def test_without_the_catalogue_it_says_where_to_run_it(tmp_path, capsys):
    """Outside a clone (an installed wheel has no tests/), it names the missing folder and exits 2
    instead of printing "0/0" as if every mutant had been caught."""
    assert mutants.main(root=tmp_path) == 2
    err = capsys.readouterr().err
    assert str(tmp_path / "tests" / "mutants") in err and "clone" in err
