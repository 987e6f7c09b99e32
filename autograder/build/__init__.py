"""The build: generate every student-facing file from ``solutions/`` (one source of truth).

The orchestrator is :mod:`.pipeline` (an ordered list of generators); the generators are
:mod:`.exercises` (stubs and notebooks), :mod:`.course` (the nbgrader course),
:mod:`.quiz_files` (the questionnaire's files) and :mod:`.readme` (the README's generated
regions). Each generator imports only the layers below the build, never the orchestrator.
"""

from autograder.build.pipeline import GENERATORS, BuildError, build, outputs, strays

__all__ = ["GENERATORS", "BuildError", "build", "outputs", "strays"]
