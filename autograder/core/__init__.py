"""The bottom layer: the grading data model, the errors, feedback for students, exercises and
their stems, solution markers, paths and file helpers. Imports nothing else of the autograder."""
