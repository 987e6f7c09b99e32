"""What issue 3 calls done: the solutions get full marks, untouched stubs get 0 with every check
not attempted, and the point totals of every exercise are what the registry says."""

from grading_run import run_pytest_exercises

from autograder.checks import registry


def grade(tmp_path, *args):
    return run_pytest_exercises(["exercises"], tmp_path, *args)


def test_solutions_get_full_marks(tmp_path):
    out, data = grade(tmp_path, "--target", "solutions")
    assert data["score"] == data["possible"] > 0, out.stdout[-5000:]
    assert [e["name"] for e in data["exercises"]] == registry.STEMS
    for e in data["exercises"]:
        assert e["possible"] == registry.exercise(e["name"]).possible


def test_untouched_stubs_get_zero_with_every_check_not_attempted(tmp_path):
    out, data = grade(tmp_path)
    assert data["score"] == 0
    statuses = {c["name"]: c["status"] for e in data["exercises"] for c in e["checks"]}
    assert set(statuses.values()) == {"not_attempted"}, out.stdout[-5000:]
