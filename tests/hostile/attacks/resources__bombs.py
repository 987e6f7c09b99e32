"""A memory bomb, a fork bomb and a thread bomb, each in its own function.

linear1 allocates 256 MB tensors (every page written) until the allocator gives up; sigmoid
forks a tree of up to 256 processes that sleep for two minutes (each renamed with the attack's
mark) and then answers right; batch_accuracy starts up to 3000 sleeping threads and then answers
right. The bombs are bounded so that a grader without limits cannot bring the machine down (as
root, the outer process limit is not enforced). The worker's limits must stop them, every
process they started must be gone after grading, and mnist_loss's checks must still score.
"""

import ctypes
import os
import threading
import time

import torch

EXERCISE = "e03_mnist_loss"
BASE = "solution"
ALONE = True
MUST_FAIL = ["linear1_values"]
MAY_FAIL = ["sigmoid_values", "batch_accuracy_values"]

_HOG = []
_honest_sigmoid = globals()["sigmoid"]  # the solution's, defined above this attack
_honest_batch_accuracy = globals()["batch_accuracy"]


def linear1(xb, weights, bias):
    for _ in range(64):  # at most 16 GB
        _HOG.append(torch.ones(1 << 26))
    raise RuntimeError("the memory bomb was not stopped")


def _mark():
    try:
        ctypes.CDLL(None).prctl(15, b"@@TOKEN@@", 0, 0, 0)  # PR_SET_NAME
    except Exception:  # noqa: BLE001
        pass


def sigmoid(x):
    top = os.getpid()
    for _ in range(8):  # 2**8 processes at most
        try:
            pid = os.fork()
        except OSError:
            break
        if pid == 0:
            _mark()
    if os.getpid() != top:
        time.sleep(120)
        os._exit(0)
    return _honest_sigmoid(x)


def batch_accuracy(xb, yb):
    for _ in range(3000):
        t = threading.Thread(target=time.sleep, args=(120,), daemon=True)
        try:
            t.start()
        except RuntimeError:
            break
    return _honest_batch_accuracy(xb, yb)
