"""The questionnaire (solutions/questionnaire.yaml): complete, in the book's order, answered, its
code checked by the autograder, its generated files built from it, and a clear error for a
malformed entry. (Mutants and alternatives of the code questions run in tests/test_mutants.py.)"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from autograder.build.quiz_files import outputs
from autograder.checks import registry
from autograder.core.model import Status
from autograder.core.paths import ROOT
from autograder.grading.runner import load_submission, run_check
from autograder.maint import mutants
from autograder.quiz import catalogue as questionnaire

QUESTIONS = questionnaire.load()
IDS = [f"q{n:02d}" for n in range(1, 38)] + ["fr1", "fr2"]
CODE = {"q04": "doubled_odds", "q09": "bottom_right", "q21": "sigmoid_plot", "q25": "one_epoch",
        "q26": "pair_up", "q34": "relu_plot"}


def test_every_question_in_the_books_order():
    assert [q.id for q in QUESTIONS] == IDS
    assert [q.number for q in QUESTIONS] == list(range(1, 38)) + [None, None]
    assert {q.id: q.check for q in QUESTIONS if q.kind == "code"} == CODE
    assert [q.kind for q in QUESTIONS[-2:]] == ["further_research"] * 2


@pytest.mark.parametrize("q", QUESTIONS, ids=lambda q: q.id)
def test_every_question_answered(q):
    assert len(q.answer.split()) >= 15
    assert len(q.key_points) >= 2 and all(len(p.split()) >= 2 for p in q.key_points)
    assert q.section
    assert q.exercise is None or q.exercise in registry.STEMS


def test_further_research_points_to_its_exercises():
    assert questionnaire.get("fr1").exercise == "e07_learner"
    assert questionnaire.get("fr2").exercise == "e06_ten_digits"


#: The code questions that also ask a concept, and that written half (graded by hand).
CONCEPTS = {"q04": "What is a list comprehension?",
            "q21": "What is special about the sigmoid's shape?",
            "q26": "What is special about that output data structure?",
            "q34": 'What is "ReLU"?'}


def test_rubric_for_the_nbgrader_course():
    rubric = questionnaire.rubric()
    assert [r["id"] for r in rubric] == IDS
    for r in rubric:
        written = r["kind"] == "open" or r["id"] in CONCEPTS
        assert r["points"] == (questionnaire.ANSWER_POINTS if written else 0)
        assert len(r["key_points"]) >= 2
        assert r["question"] and r["model_answer"] and r["kind"] in questionnaire.KINDS
    assert {r["id"]: r["concept"] for r in rubric if r["concept"]} == CONCEPTS


def test_concept_halves_are_graded_by_hand_in_nbgrader():
    """Each mixed question: its code cell, its check cells, then an answer cell for the written
    half, its rubric (the key points) in the question cell's mark scheme."""
    from autograder.build.course.questionnaire import BEGIN_SCHEME, questionnaire_notebook

    cells = questionnaire_notebook(ROOT).cells
    ids = [c.metadata.get("nbgrader", {}).get("grade_id") for c in cells]
    for qid, check in CODE.items():
        after_check = ids[ids.index(check) + 1]
        if qid in CONCEPTS:
            assert after_check == f"{qid}-answer"
            question = cells[ids.index(f"{qid}-question")].source
            assert BEGIN_SCHEME in question and CONCEPTS[qid] in question
            assert all(p in question for p in questionnaire.get(qid).key_points)
        else:
            assert f"{qid}-answer" not in ids


def test_questionnaire_weighs_about_two_exercises():
    """One point per key point made the questionnaire 116 points beside 8 to 11 per exercise."""
    from autograder.build.course.cells import points
    from autograder.build.course.questionnaire import questionnaire_notebook

    total = points(questionnaire_notebook(ROOT))
    written = sum(q.written for q in QUESTIONS)
    code = sum(c.points for c in registry.exercise("questionnaire").checks)
    assert written == 35 and total == code + written * questionnaire.ANSWER_POINTS == 24.5


def test_key_points_name_the_common_wrong_answers():
    def points(qid):
        return " ".join(questionnaire.get(qid).key_points)

    assert "unstable" in points("q13")  # mini-batches: not because full-batch gradients are
    assert "not there to keep the gradient from being 0" in points("q28")  # a bias
    assert "pretrained" in points("q15") and "scale matters" in points("q15")
    assert "flat" in points("q21") and "gradient" in points("q21")


def test_every_code_question_has_its_checks():
    names = [c.name for c in registry.exercise("questionnaire").checks]
    for q in QUESTIONS:
        if q.kind == "code":
            assert questionnaire.check_names(q, names) == [q.check]
    assert sorted(names) == sorted(CODE.values())


def _grade(path: Path) -> dict:
    sub = load_submission(path, "questionnaire")
    return {c.name: run_check(c, sub) for c in registry.exercise("questionnaire").checks}


def test_model_code_gets_full_marks():
    results = _grade(mutants.solution_file("questionnaire"))
    assert all(r.status is Status.PASSED for r in results.values()), results


def test_stubs_are_not_attempted(tmp_path):
    stub = next(o for o in outputs(ROOT) if o.path.name == "questionnaire.py")
    path = tmp_path / "questionnaire.py"
    path.write_text(stub.text)
    assert {r.status for r in _grade(path).values()} == {Status.NOT_ATTEMPTED}


def test_catalogue_covers_every_code_check():
    cases = [c for c in mutants.discover("mutants") if c.exercise == "questionnaire"]
    caught = {name for c in cases for name in c.must_fail}
    assert caught == set(CODE.values())
    assert any(c.exercise == "questionnaire" for c in mutants.discover("alternatives"))


def test_generated_files():
    files = {o.path.relative_to(ROOT).as_posix(): o.text for o in outputs(ROOT)}
    assert set(files) == {"exercises/questionnaire.py", "exercises/questionnaire.ipynb",
                          "docs/questionnaire_answers.md"}
    assert files["exercises/questionnaire.py"].startswith(
        "# GENERATED from solutions/questionnaire.yaml by `mnist-grade build`")
    assert "### BEGIN SOLUTION" not in files["exercises/questionnaire.py"]
    answers = files["docs/questionnaire_answers.md"]
    assert answers.startswith("*GENERATED")
    for q in QUESTIONS:
        assert q.answer in answers and all(p in answers for p in q.key_points)
    nb = nbformat.reads(files["exercises/questionnaire.ipynb"], as_version=4)
    nbformat.validate(nb)
    text = "\n".join(c.source for c in nb.cells)
    assert "### BEGIN SOLUTION" not in text and "o * 2 for o" not in text
    for q in QUESTIONS:
        assert f"reveal({q.id!r})" in text and q.question in text
    assert nb.cells[0].source.startswith("*GENERATED from solutions/questionnaire.yaml")
    ids = [c.id for c in nb.cells]
    assert len(set(ids)) == len(ids) and "questionnaire-q07-reveal" in ids
    assert "jupytext" not in nb.metadata  # not paired: the .py holds only the code questions
    assert files == {o.path.relative_to(ROOT).as_posix(): o.text for o in outputs(ROOT)}


@pytest.mark.slow  # 6 s
def test_notebook_runs_and_stays_quiet_when_graded(tmp_path, capsys, monkeypatch):
    """Graded (loaded from the .ipynb), reveal and check cells do nothing; run in a kernel
    (``__main__``), reveal prints the answer and the check cells grade the stubs."""
    monkeypatch.setenv("MNIST_QUIZ_PROGRESS", str(tmp_path / "quiz.json"))
    monkeypatch.setenv("MPLBACKEND", "Agg")
    nb_text = next(o.text for o in outputs(ROOT) if o.path.suffix == ".ipynb")
    path = tmp_path / "questionnaire.ipynb"
    path.write_text(nb_text)
    results = _grade(path)
    assert {r.status for r in results.values()} == {Status.NOT_ATTEMPTED}
    assert "Model answer" not in capsys.readouterr().out
    namespace = {"__name__": "__main__", "In": [""]}  # as IPython keeps them: the cells run so far
    for cell in nbformat.reads(nb_text, as_version=4).cells:
        if cell.cell_type == "code":
            namespace["In"].append(cell.source)
            exec(compile(cell.source, "<cell>", "exec"), namespace)  # noqa: S102
    out = capsys.readouterr().out
    assert "Model answer (Question 7)" in out and "NOT ATTEMPTED" in out
    assert not (tmp_path / "quiz.json").exists()


def test_check_question_grades_one_question(capsys):
    from autograder.frontends.selfcheck import check_question

    ns = {"__name__": "__main__",  # a kernel's globals: the cells it ran are in In
          "In": ["", "def pair_up(xs, ys):\n    return list(zip(xs, ys, strict=True))\n"]}
    results = check_question("q26", ns)
    assert [(r.name, r.status) for r in results] == [("pair_up", Status.PASSED)]
    assert "PASSED" in capsys.readouterr().out


def _write(tmp_path, text: str) -> Path:
    path = tmp_path / "questionnaire.yaml"
    path.write_text(text)
    return path


GOOD = """questions:
  - id: q01
    number: 1
    kind: open
    question: Q?
    answer: A.
    key_points: ["one point", "two points"]
    section: S
    exercise: null
"""


@pytest.mark.parametrize("change, words", [
    (("key_points: [\"one point\", \"two points\"]", "key_points: [\"only one\"]"),
     ["'q01'", "key_points"]),
    (("exercise: null", "exercise: e99_nothing"), ["'q01'", "e99_nothing"]),
    (("kind: open", "kind: essay"), ["'q01'", "kind"]),
    (("number: 1", "number: 2"), ["'q01'", "number"]),
    (("    section: S\n", ""), ["'q01'", "missing", "section"]),
    (("kind: open", "kind: code"), ["'q01'", "check"]),
    (("section: S", "section: S\n    anwser: typo"), ["'q01'", "unknown", "anwser"]),
    (("  - id: q01", "  - id: 7"), ["entry 1", "id"]),
    (("section: S", "section: S\n    concept: What?"), ["'q01'", "concept"]),
    (("questions:", "questions: ["), ["not valid YAML"]),
])
def test_malformed_entry_is_named(tmp_path, change, words):
    path = _write(tmp_path, GOOD.replace(*change))
    with pytest.raises(questionnaire.QuestionnaireError) as err:
        questionnaire.load(path)
    message = str(err.value)
    assert str(path) in message
    for w in words:
        assert w in message


def test_duplicate_ids_are_named(tmp_path):
    path = _write(tmp_path, GOOD + GOOD.split("\n", 1)[1])
    with pytest.raises(questionnaire.QuestionnaireError, match="'q01'.*twice"):
        questionnaire.load(path)
