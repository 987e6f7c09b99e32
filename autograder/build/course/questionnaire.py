"""The questionnaire's source notebook, for nbgrader, from ``solutions/questionnaire.yaml``.

Per question, in the book's order, a read-only markdown cell with the question, then:

- an open question: a manually graded markdown answer cell worth
  :data:`~autograder.quiz.catalogue.ANSWER_POINTS`, its key points sharing them equally; its
  solution region holds the model answer (students get nbgrader's "YOUR ANSWER HERE", and an
  answer left so scores 0 without anyone reading it). The key points, the rubric, sit in a mark
  scheme region of the question cell: gone from the students' release, restored by ``autograde``,
  so the instructor reads them right above each answer in the formgrader (and, after grading,
  the students in their feedback);
- a code question: a solution cell with the model code, then one test cell per check of the
  question, exactly like the exercises; when it also asks a concept (``concept``: "What is a
  list comprehension?"), then a manually graded answer cell for that written half, graded like an
  open question on the key points;
- further research: the question only (not graded).
"""

from __future__ import annotations

from pathlib import Path

from autograder.build.course import cells
from autograder.build.course.exercises import is_hidden
from autograder.checks.registry import checks_of
from autograder.core.markers import banner
from autograder.quiz import catalogue as questionnaire
from autograder.quiz.catalogue import ANSWER_POINTS

STEM = "questionnaire"
BEGIN_SCHEME, END_SCHEME = "<!-- BEGIN MARK SCHEME -->", "<!-- END MARK SCHEME -->"


def _points(n: float) -> str:
    return f"{n:g} point" + ("" if n == 1 else "s")


def question_cell(q) -> object:
    where = f"*Book section: \"{q.section}\".*"
    text = f"## {q.label}\n\n{q.question}\n\n{where}"
    if q.concept:
        text += (f"\n\n*The code is graded by its check cells; the written part, "
                 f"\"{q.concept}\", goes in the answer cell after them ({_points(ANSWER_POINTS)}).*")
    elif q.kind == "open":
        text += f"\n\n*{_points(ANSWER_POINTS)}.*"
    if q.written:
        n = len(q.key_points)
        rubric = "\n".join(f"{i}. {p}" for i, p in enumerate(q.key_points, 1))
        part = "the written part of the answer" if q.concept else "the answer"
        text += (f"\n\n{BEGIN_SCHEME}\n**Rubric** (instructor only: {part} is worth "
                 f"{_points(ANSWER_POINTS)}, shared equally by its {n} key points, "
                 f"{ANSWER_POINTS / n:.3g} for each one it covers):\n\n{rubric}\n{END_SCHEME}")
    elif q.kind == "further_research":
        text += "\n\n*Further research: not graded.*"
    return cells.markdown(text, f"{q.id}-question")


def questionnaire_notebook(root: Path):
    """The nbgrader source notebook of the questionnaire (``None`` without the yaml)."""
    path = questionnaire.yaml_path(root)
    if not path.exists():
        return None
    checks = checks_of(STEM)
    body = [cells.markdown(
        f"<!-- {banner(f'solutions/{STEM}.yaml')} -->\n# Chapter 4 questionnaire\n\n*Answer each open question "
        "in the cell below it, in your own words (it is graded by hand on its key ideas). "
        "For a code question, replace `raise NotImplementedError()` with your code and run the "
        "**Check** cells after it; when it also asks a question in words, answer that in the "
        "cell after the checks. Do not delete, copy or edit the read-only cells.*",
        f"{STEM}-header")]
    names = [c.name for c in checks]
    for q in questionnaire.load(path):
        body.append(question_cell(q))
        if q.kind == "code":
            body.append(cells.solution(q.code.strip("\n"), f"{q.id}-code"))
            mine = set(questionnaire.check_names(q, names))
            body += [cells.test(STEM, c, is_hidden(c)) for c in checks if c.name in mine]
        if q.written:
            body.append(cells.answer(f"{q.id}-answer", ANSWER_POINTS, q.answer))
    return cells.notebook(body, "Chapter 4 questionnaire")
