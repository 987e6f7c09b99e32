"""Which file is graded for an exercise when ``--target`` names a folder."""

import shutil
from pathlib import Path

from autograder.frontends.graded import graded_file

ROOT = Path(__file__).resolve().parents[2]


def test_the_questionnaires_code_comes_from_the_target_folders_own_yaml(tmp_path):
    """A copy of ``solutions/`` under any name grades its own ``questionnaire.yaml`` (before, the
    model code was read from ``<folder>/../solutions/``, so a copy had to be named ``solutions``)."""
    mine = tmp_path / "mine"
    mine.mkdir()
    text = (ROOT / "solutions" / "questionnaire.yaml").read_text()
    right = "return [o * 2 for o in a if o % 2 == 1]"
    assert right in text
    changed = text.replace(right, "return [o * 3 for o in a if o % 2 == 1]  # mine")
    (mine / "questionnaire.yaml").write_text(changed)
    graded, note = graded_file(ROOT / "exercises" / "questionnaire.py", target=mine)
    assert "o * 3 for o in a" in graded.read_text() and "o * 2 for o in a" not in graded.read_text()
    assert note == " (the code in questionnaire.yaml)"
    shutil.copy(ROOT / "solutions" / "questionnaire.yaml", mine / "questionnaire.yaml")
    graded, _ = graded_file(ROOT / "exercises" / "questionnaire.py", target=mine)
    assert right in graded.read_text()
