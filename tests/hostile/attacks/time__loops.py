"""Three endless functions that no in-process timer can stop: a bare loop, a loop that swallows
BaseException (the timeout exception included), and one that cancels the alarm and blocks
SIGALRM, SIGINT and SIGTERM first.

linear1 spins in pure Python; sigmoid sleeps in a loop and catches everything; batch_accuracy
turns off the interval timer and blocks the signals a grader could use. Each check must end as a
timeout, and mnist_loss's three checks must still score.
"""

import signal
import time

EXERCISE = "e03_mnist_loss"
BASE = "solution"
MUST_FAIL = ["linear1_values", "sigmoid_values", "batch_accuracy_values"]
STATUS = {"linear1_values": "timeout", "sigmoid_values": "timeout",
          "batch_accuracy_values": "timeout"}


def linear1(xb, weights, bias):
    n = 0
    while True:
        n += 1


def sigmoid(x):
    while True:
        try:
            time.sleep(0.5)
        except BaseException:  # noqa: BLE001, S110 - the timeout exception too
            pass


def batch_accuracy(xb, yb):
    signal.setitimer(signal.ITIMER_REAL, 0)
    signal.alarm(0)
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM, signal.SIGINT, signal.SIGTERM})
    while True:
        try:
            time.sleep(0.5)
        except BaseException:  # noqa: BLE001, S110
            pass
