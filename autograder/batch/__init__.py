"""Grading a whole class: ``mnist-grade batch SUBMISSIONS --out DIR`` (:mod:`.run`).

A front end of the grader, like ``pytest exercises``: every file is graded in an isolated worker
through :mod:`autograder.grading.runner`. :mod:`.layouts` finds the submissions (a folder or a zip
per student, nbgrader's ``submitted/``), :mod:`.journal` remembers every result (resumable),
:mod:`.task` is one file's grading as plain data, :mod:`.pool` runs tasks on this machine's cores
and :mod:`.cluster` on a Dask cluster, :mod:`.outputs` writes the gradebook and each student's
files, :mod:`.class_report` what the class got wrong.
"""
