"""The reference and the grader imported from inside the functions: each one returns what
mnist_ref.linear's function of the same name returns, after importing mnist_ref.stages (the whole
chapter) and the grader's registry.

The file is otherwise the untouched stub. Every check must fail, and the message must name the
rule ("not allowed"), not a missing module.
"""

import importlib

EXERCISE = "e03_mnist_loss"
BASE = "stub"
MUST_FAIL = "all"
MESSAGE = {"linear1_values": r"(?i)not allowed"}


def _reference(name):
    importlib.import_module("mnist_ref.stages")
    importlib.import_module("autograder")
    return getattr(importlib.import_module("mnist_ref.linear"), name)


def init_params(size, std=1.0):
    return _reference("init_params")(size, std)


def linear1(xb, weights, bias):
    return _reference("linear1")(xb, weights, bias)


def sigmoid(x):
    return _reference("sigmoid")(x)


def mnist_loss(predictions, targets):
    return _reference("mnist_loss")(predictions, targets)


def batch_accuracy(xb, yb):
    return _reference("batch_accuracy")(xb, yb)
