"""Probes: grader-written code that runs *in the student's worker*, beside the student's code.

A check calls the student's functions directly when plain data in and out is enough
(``sub.fn("mnist_loss")(preds, targets)``). Where it needs the student's code and a driving loop
in one process (a gradient through the student's function, a training loop around it, a model
the student built), it calls a probe: ``sub.probe("gradient", "mnist_loss", [preds, targets])``
runs ``gradient(module, "mnist_loss", [preds, targets])`` in the worker, with the student's
module first.

A probe only *collects* plain data (outputs, gradients, parameters, per-epoch values). It never
decides anything: the worker is the student's ground, and whatever a probe returns is checked
by the grader on its own side against the reference before a point is given.

``autograder.probes.<stem>`` holds the probes of one exercise; they may import torch and
``mnist_ref`` at the top (the worker imports them before it confines itself and before the
student's code runs), never lazily. :mod:`.common` holds the probes every exercise may use; each
exercise module re-exports it with ``from autograder.probes.common import *``-free explicit names.
"""
