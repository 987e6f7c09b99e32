"""The checks, one module per exercise (named by the exercise's stem); see :mod:`autograder.registry`."""
