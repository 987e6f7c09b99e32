"""The questionnaire's source notebook, for nbgrader, from ``solutions/questionnaire.yaml``.

Per question, in the book's order, a read-only markdown cell with the question, then:

- an open question: a manually graded markdown answer cell worth one point per key point; its
  solution region holds the model answer (students get nbgrader's "YOUR ANSWER HERE", and an
  answer left so scores 0 without anyone reading it). The key points, the rubric, sit in a mark
  scheme region of the question cell: gone from the students' release, restored by ``autograde``,
  so the instructor reads them right above each answer in the formgrader (and, after grading,
  the students in their feedback);
- a code question: a solution cell with the model code, then one test cell per check of the
  question, exactly like the exercises;
- further research: the question only (not graded).
"""

from __future__ import annotations

from pathlib import Path

from autograder.build.course import cells
from autograder.build.course.exercises import is_hidden
from autograder.checks.registry import checks_of
from autograder.core.markers import banner
from autograder.quiz import catalogue as questionnaire

STEM = "questionnaire"
BEGIN_SCHEME, END_SCHEME = "<!-- BEGIN MARK SCHEME -->", "<!-- END MARK SCHEME -->"


def question_cell(q) -> object:
    where = f"*Book section: \"{q.section}\".*"
    text = f"## {q.label}\n\n{q.question}\n\n{where}"
    if q.kind == "open":
        rubric = "\n".join(f"{i}. {p}" for i, p in enumerate(q.key_points, 1))
        text += (f"\n\n{BEGIN_SCHEME}\n**Rubric** (instructor only: one point per key point the "
                 f"answer covers, {len(q.key_points)} in all):\n\n{rubric}\n{END_SCHEME}")
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
        "in the cell below it, in your own words (it is graded by hand: one point per key idea). "
        "For a code question, replace `raise NotImplementedError()` with your code and run the "
        "**Check** cells after it. Do not delete, copy or edit the read-only cells.*",
        f"{STEM}-header")]
    names = [c.name for c in checks]
    for q in questionnaire.load(path):
        body.append(question_cell(q))
        if q.kind == "open":
            body.append(cells.answer(f"{q.id}-answer", len(q.key_points), q.answer))
        elif q.kind == "code":
            body.append(cells.solution(q.code.strip("\n"), f"{q.id}-code"))
            mine = set(questionnaire.check_names(q, names))
            body += [cells.test(STEM, c, is_hidden(c)) for c in checks if c.name in mine]
    return cells.notebook(body, "Chapter 4 questionnaire")
