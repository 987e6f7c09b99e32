"""Grading: load a student's file or namespace (:mod:`.loader`) and run an exercise's checks on
it (:mod:`.runner`), the one pipeline behind every front end. Student code runs in this process
today; :mod:`autograder.sandbox` is where it will run isolated."""
