"""Four ways to end the process from inside a function: sys.exit(0) in sigmoid, os._exit(0) in
linear1, SIGKILL to itself in init_params, a segmentation fault (reading address 1 with ctypes) in
batch_accuracy.

Each must become the result of the check that was running, with a sentence saying what happened
(a worker that is PID 1 of its own PID namespace ignores a SIGKILL it sends itself: init_params
then returns None, which is wrong too); mnist_loss's three checks must still score, and the
possible score must stay 9.
"""

import ctypes
import os
import signal
import sys

EXERCISE = "e03_mnist_loss"
BASE = "solution"
MUST_FAIL = ["init_params_values", "linear1_values", "sigmoid_values", "batch_accuracy_values"]
MESSAGE = {
    "sigmoid_values": r"sys\.exit",
    "linear1_values": r"(?i)exit",
    "batch_accuracy_values": r"(?i)segmentation|SIGSEGV",
}


def init_params(size, std=1.0):
    os.kill(os.getpid(), signal.SIGKILL)


def linear1(xb, weights, bias):
    os._exit(0)


def sigmoid(x):
    sys.exit(0)


def batch_accuracy(xb, yb):
    return ctypes.string_at(1, 8)
