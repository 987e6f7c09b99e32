"""The chapter 4 autograder: checks compared with the reference :mod:`mnist_ref`, several front ends.

One subpackage per role, each importing only the ones listed after it (``docs/architecture.md``;
a ``layers`` contract in ``pyproject.toml`` keeps it so):

- :mod:`autograder.cli` (``mnist-grade``);
- :mod:`autograder.frontends` (``pytest exercises``, notebooks, nbgrader cells, the quiz),
  :mod:`autograder.build` (generated files), :mod:`autograder.maint` (mutants),
  :mod:`autograder.nbgrader_plugins` (what nbgrader loads when it grades);
- :mod:`autograder.grading` (load a submission, run the checks: the one pipeline);
- :mod:`autograder.checks` (one module per exercise, and the registry);
- :mod:`autograder.sandbox` (student code in an isolated process);
- :mod:`autograder.render` (text, JSON, Gradescope), :mod:`autograder.quiz` (the questionnaire);
- :mod:`autograder.core` (data model, errors, feedback, markers, paths, files).
"""
