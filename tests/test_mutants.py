"""Every mutant loses exactly the points it should, with its message; every alternative gets full
marks. (The catalogue: tests/mutants/ and tests/alternatives/; see autograder.mutants.)"""

import pytest

from autograder import mutants

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
