"""The front ends, each a thin layer over :mod:`autograder.grading`: the pytest plugin
(``pytest exercises``), the notebook's ``check``/``hint``, nbgrader's test cells, the
questionnaire's self-check in a notebook and ``mnist-grade quiz`` in a terminal."""
