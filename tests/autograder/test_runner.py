"""The runner alone: statuses, time limits and student-facing locations."""

import time

from autograder.core.feedback import Mistake, Wrong, expect_tensor
from autograder.core.model import Check, Status
from autograder.grading.loader import Submission
from autograder.grading.runner import run_check


def make_check(func, timeout=1.0):
    return Check("e00_test", func.__name__, "a test check", 2, func, timeout)


def sub_with(**names):
    return Submission(dict(names), "student.py", "e00_test")


def test_an_infinite_loop_times_out_that_check_only():
    def spins(sub):
        while True:
            pass

    def fine(sub):
        return None

    start = time.perf_counter()
    result = run_check(make_check(spins, timeout=0.5), sub_with())
    assert result.status is Status.TIMEOUT and result.earned == 0
    assert "0.5 s" in result.message and time.perf_counter() - start < 5
    assert run_check(make_check(fine), sub_with()).status is Status.PASSED


def test_a_timeout_cannot_be_swallowed_by_student_code():
    def student():
        try:
            while True:
                pass
        except Exception:  # a bare `except Exception` must not hide the time limit
            return "caught"

    def calls_student(sub):
        sub.fn("student")()

    result = run_check(make_check(calls_student, timeout=0.3), sub_with(student=student))
    assert result.status is Status.TIMEOUT


def test_statuses_for_each_kind_of_failure():
    def not_done(sub):
        sub.fn("f")()

    def stub():
        raise NotImplementedError("e00_test: write f here")

    assert run_check(make_check(not_done), sub_with(f=stub)).status is Status.NOT_ATTEMPTED
    assert run_check(make_check(not_done), sub_with()).status is Status.ERROR
    assert run_check(make_check(not_done), sub_with(f=lambda: 1 / 0)).status is Status.ERROR


def test_expect_tensor_explains_broadcasting_to_n_by_n():
    import torch

    def check(sub):
        preds, targets = torch.zeros(4, 1), torch.ones(4)
        expect_tensor(preds - targets, torch.zeros(4, 1), what="f(x)")

    result = run_check(make_check(check), sub_with())
    assert result.status is Status.WRONG
    assert "[4, 4]" in result.message and "unsqueeze(1)" in result.message


def test_a_matching_known_mistake_is_named():
    import torch

    def check(sub):
        expect_tensor(
            torch.tensor(2.0),
            torch.tensor(1.0),
            what="f()",
            mistakes=[Mistake("doubled by accident", torch.tensor(2.0))],
        )

    result = run_check(make_check(check), sub_with())
    assert "likely cause: doubled by accident" in result.message


def test_wrong_renders_every_part():
    msg = str(Wrong("f is wrong.", expected="1", got="2", cause="c", section="S", hint="h"))
    assert msg.splitlines() == [
        "f is wrong.",
        "  expected: 1",
        "  got:      2",
        "  likely cause: c",
        '  read: the book\'s section "S"',
        "  hint: h",
    ]
