"""fastai takes seconds to import: only exercise 5a's worker (its stub imports it) and, when one of
its training checks fails, its reference curve import it; every other grading path stays without."""

import subprocess
import sys

CODE = """
import importlib, sys
from autograder.checks import registry
from autograder.core.exercise import STEMS
registry.exercises()  # every check module, e05a's included
for stem in STEMS:
    if stem != "e05a_fastai_learner":
        importlib.import_module(registry.exercise(stem).probes)
importlib.import_module("autograder.probes.e05a_fastai_learner")  # its probes import it lazily
import autograder.sandbox.zygote as z
z.preload()
print(sorted(m for m in sys.modules if m.split(".")[0] == "fastai"))
"""


def test_no_grading_module_imports_fastai():
    out = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-3000:]
    assert out.stdout.strip().splitlines()[-1] == "[]"
