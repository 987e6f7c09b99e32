"""Checks of exercise 4: ``calc_grad``, ``train_epoch``, ``validate_epoch``, ``BasicOptim``,
``train_model``.

The student's code runs in the isolated worker; each check drives it through a probe of
:mod:`autograder.probes.e04_train_epoch`, which builds the model (a closure over weights and bias,
or an ``nn.Linear``), the loader, the loss or the metric there, calls the student's function and
returns plain data: parameters, gradients, counts, returned values. Everything is compared here.

Each function is judged alone: while ``train_epoch`` is checked, the reference ``calc_grad``
stands in for the student's in the student's module (and the reference ``train_epoch``,
``validate_epoch`` and ``BasicOptim`` while ``train_model`` is checked), so one mistake costs the
points of one function. Inputs are small, seeded and hand-made (a 5-feature linear model, loaders
that are plain lists of batches); expected values come from the reference run here on clones of
the same parameters. Every argument of a graded function is varied by a check that fails, naming
it, when the function ignores it. The last check puts the student's own pieces together:
``train_model`` trains the book's linear model on MNIST_SAMPLE (stage ``linear_sgd``'s settings:
lr 1.0, batch 256, 20 epochs, seed 42) from the reference's start; the grader measures the
returned parameters on its own validation data and compares with the reference trained the same
way from the same start, the recorded threshold as a floor.

Tolerances: parameters and gradients within ``rtol=1e-4, atol=1e-5`` (float32, a few steps);
metrics within 1e-4 (the book rounds them to 4 decimals); real-data accuracy within
:func:`~autograder.checks.common.reference_margin` of the reference's.

The checks live in one module per function graded (:mod:`.calc_grad`, :mod:`.train_epoch`,
:mod:`.validate_epoch`, :mod:`.basic_optim`, :mod:`.train_model`), in that order; the small
problems and the mistakes replayed on them in :mod:`.problems`; the exercise's metadata in
:mod:`.exercise`.
"""

from __future__ import annotations

import importlib

from autograder.checks.e04_train_epoch.exercise import EXERCISE

__all__ = ["EXERCISE"]

#: The modules of the checks, in the order their checks are graded and listed (importing a module
#: registers its checks with ``EXERCISE``).
CHECK_MODULES = ("calc_grad", "train_epoch", "validate_epoch", "basic_optim", "train_model")

for _name in CHECK_MODULES:
    importlib.import_module(f"{__name__}.{_name}")
