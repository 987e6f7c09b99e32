"""What nbgrader loads at grading time (named in ``course/nbgrader_config.py``): preprocessors
that fix nbgrader's handling of deleted and copied cells. Imports nbgrader, not the grader."""
