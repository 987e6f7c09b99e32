"""The questionnaire's generated files, all from ``solutions/questionnaire.yaml``:

- ``exercises/questionnaire.py``: the code questions as a stub module that ``pytest exercises``
  grades like any exercise;
- ``exercises/questionnaire.ipynb``: every question in order, for self-study: a "your answer" cell
  and a ``reveal("q07")`` cell per question, the stubbed code and a check cell for code questions;
- ``docs/questionnaire_answers.md``: the answers document (model answers, key points, pointers).

Each says in its first line that it is generated; ``mnist-grade build --check`` keeps them in sync.
"""

from __future__ import annotations

from pathlib import Path

from autograder.build import ROOT, Output, strip_solutions
from autograder.questionnaire import STEM, Question, load, module_source, yaml_path

SOURCE = f"solutions/{STEM}.yaml"


def note(kind: str) -> str:
    return (f"GENERATED from {SOURCE} by `mnist-grade build` ({kind}). Maintainers: edit the yaml, "
            "then rebuild; never edit this file.")


def _pointer(q: Question) -> str:
    text = f'Book section: "{q.section}"'
    if q.exercise:
        text += f"; practised in exercise `{q.exercise}`"
    return text + "."


def stub_module(questions: list[Question]) -> str:
    student = " Students: replace each `raise NotImplementedError` with your code."
    return f"# {note('stub module')}{student}\n" + module_source(questions, stub=True)


def _cell_source(q: Question) -> str:
    return strip_solutions(q.code.strip("\n"), STEM, f"{SOURCE} {q.id}").rstrip("\n")


def notebook(questions: list[Question]):
    """The self-study notebook: every question, answers hidden until ``reveal``."""
    import nbformat
    from nbformat.v4 import new_code_cell, new_markdown_cell

    cells = [
        ("note", new_markdown_cell(f"*{note('notebook')}*")),
        ("intro", new_markdown_cell(
            "# Chapter 4 questionnaire\n\n"
            "For each question: **write your answer in your own words first** (in the *Your "
            "answer* cell), then run the `reveal(...)` cell to see the model answer and its key "
            "points, and record which key points your answer covered with `mark(...)` (the "
            "reveal cell shows how). Your marks are kept between sessions (in "
            "`~/.local/share/mnist-basics/quiz.json`, or the file named by "
            "`$MNIST_QUIZ_PROGRESS`); `progress()` shows where you stand.\n\n"
            "Code questions: write the function, then run its check cell (the same checks as "
            "`pytest exercises -k questionnaire`). The same quiz runs in a terminal: "
            "`mnist-grade quiz`.")),
        ("imports", new_code_cell(
            "from autograder.selfcheck import check_question, mark, progress, reveal")),
    ]
    for q in questions:
        heading = f"## {q.label} (`{q.id}`)\n\n{q.question}\n\n*{_pointer(q)}*"
        cells.append((f"{q.id}-question", new_markdown_cell(heading)))
        if q.kind == "code":
            cells.append((f"{q.id}-code", new_code_cell(_cell_source(q))))
            cells.append((f"{q.id}-check", new_code_cell(f"check_question({q.id!r})")))
        cells.append((f"{q.id}-answer", new_markdown_cell(
            "**Your answer** (double-click, write it in your own words, before you reveal):\n\n")))
        cells.append((f"{q.id}-reveal", new_code_cell(f"reveal({q.id!r})")))
    cells.append(("progress-title", new_markdown_cell(
        "## Your progress\n\nWhich questions are done, and which key points to revisit. The "
        "last cell grades every code question at once.")))
    cells.append(("progress", new_code_cell("progress()")))
    cells.append(("check-all", new_code_cell(
        f"from autograder.notebook import check\n\ncheck({STEM!r}, globals())")))
    nb = nbformat.v4.new_notebook()
    for cell_id, cell in cells:
        cell.id = f"{STEM}-{cell_id}"  # stable ids: the build is reproducible byte for byte
        cell.metadata = {}
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
        nb.cells.append(cell)
    # No jupytext pairing: this notebook has more cells than exercises/questionnaire.py.
    nb.metadata = {
        "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
        "title": "Chapter 4 questionnaire",
    }
    return nb


def answers_document(questions: list[Question]) -> str:
    """Markdown: per question the model answer, key points, book section and exercise."""
    lines = [
        f"*{note('answers document')}*",
        "",
        "# Chapter 4 questionnaire: model answers",
        "",
        "The questions of the book's chapter 4 (\"Under the Hood: Training a Digit "
        "Classifier\"), in the book's order, with a model answer, the key points a good answer "
        "covers, the book section to read and the exercise that practises it. Try each question "
        "yourself first: `exercises/questionnaire.ipynb` or `mnist-grade quiz`.",
        "",
    ]
    for q in questions:
        lines += [f"## {q.label} (`{q.id}`)", "", f"**{q.title}**", "", q.answer, ""]
        if q.kind == "code":
            model = "\n".join(line for line in q.code.strip("\n").splitlines()
                              if line.strip() not in ("### BEGIN SOLUTION", "### END SOLUTION"))
            lines += [f"Model code (checked by `{q.check}`):", "", "```python", model, "```", ""]
        lines += ["Key points:", ""] + [f"- {p}" for p in q.key_points] + [""]
        lines += [f"*{_pointer(q)}*" if q.exercise else
                  f"*{_pointer(q)[:-1]}; no exercise practises it directly.*", ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def outputs(root: Path = ROOT) -> list[Output]:
    import nbformat

    root = Path(root)
    questions = load(yaml_path(root))
    return [
        Output(root / "exercises" / f"{STEM}.py", stub_module(questions)),
        Output(root / "exercises" / f"{STEM}.ipynb", nbformat.writes(notebook(questions)) + "\n"),
        Output(root / "docs" / f"{STEM}_answers.md", answers_document(questions)),
    ]
