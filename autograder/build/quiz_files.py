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

from autograder.core.files import Output, notebook_metadata, plain_cell
from autograder.core.markers import banner, strip_markers, strip_solutions
from autograder.core.paths import DOCS, EXERCISES, ROOT, SOLUTIONS
from autograder.quiz.catalogue import STEM, Question, load, module_source, yaml_path

SOURCE = f"{SOLUTIONS}/{STEM}.yaml"


def note(kind: str, students: bool = False) -> str:
    return banner(SOURCE, kind, students)


def _pointer(q: Question) -> str:
    text = f'Book section: "{q.section}"'
    if q.exercise:
        text += f"; practised in exercise `{q.exercise}`"
    return text + "."


def stub_module(questions: list[Question]) -> str:
    return f"# {note('stub module', students=True)}\n" + module_source(questions, stub=True)


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
            "`pytest exercises -k questionnaire`); when the question also asks something in "
            "words (\"What is a list comprehension?\"), answer that part in its *Your answer* "
            "cell and mark it like an open question. The same quiz runs in a terminal: "
            "`mnist-grade quiz`.")),
        ("imports", new_code_cell(
            "from autograder.frontends.selfcheck import check_question, mark, progress, reveal")),
    ]
    for q in questions:
        heading = f"## {q.label} (`{q.id}`)\n\n{q.question}\n\n*{_pointer(q)}*"
        cells.append((f"{q.id}-question", new_markdown_cell(heading)))
        if q.kind == "code":
            cells.append((f"{q.id}-code", new_code_cell(_cell_source(q))))
            cells.append((f"{q.id}-check", new_code_cell(f"check_question({q.id!r})")))
        what = f" to \"{q.concept}\"" if q.concept else ""
        cells.append((f"{q.id}-answer", new_markdown_cell(
            f"**Your answer**{what} (double-click, write it in your own words, before you "
            "reveal):\n\n")))
        cells.append((f"{q.id}-reveal", new_code_cell(f"reveal({q.id!r})")))
    cells.append(("progress-title", new_markdown_cell(
        "## Your progress\n\nWhich questions are done, and which key points to revisit. The "
        "last cell grades every code question at once.")))
    cells.append(("progress", new_code_cell("progress()")))
    cells.append(("check-all", new_code_cell(
        f"from autograder.frontends.notebook import check\n\ncheck({STEM!r}, globals())")))
    nb = nbformat.v4.new_notebook()
    for cell_id, cell in cells:  # stable ids: the build is reproducible byte for byte
        nb.cells.append(plain_cell(cell, f"{STEM}-{cell_id}"))
    # No jupytext pairing: this notebook has more cells than exercises/questionnaire.py.
    nb.metadata = notebook_metadata("Chapter 4 questionnaire")
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
            model = strip_markers(q.code.strip("\n")).rstrip("\n")
            lines += [f"Model code (checked by `{q.check}`):", "", "```python", model, "```", ""]
        part = f" of the written part, \"{q.concept}\"" if q.concept else ""
        lines += [f"Key points{part}:", ""] + [f"- {p}" for p in q.key_points] + [""]
        lines += [f"*{_pointer(q)}*" if q.exercise else
                  f"*{_pointer(q)[:-1]}; no exercise practises it directly.*", ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def outputs(root: Path = ROOT) -> list[Output]:
    import nbformat

    root = Path(root)
    questions = load(yaml_path(root))
    return [
        Output(root / EXERCISES / f"{STEM}.py", stub_module(questions)),
        Output(root / EXERCISES / f"{STEM}.ipynb", nbformat.writes(notebook(questions)) + "\n"),
        Output(root / DOCS / f"{STEM}_answers.md", answers_document(questions)),
    ]
