"""The chapter's questionnaire: one source of truth, ``solutions/questionnaire.yaml``.

Each entry has ``id`` (``q01``..``q37``, ``fr1``, ``fr2``), ``number`` (the book's, ``null`` for
Further Research), ``kind`` (``open``, ``code`` or ``further_research``), ``question`` (the book's
words), ``answer`` (the model answer), ``key_points`` (what a good answer covers, the rubric),
``section`` (the book section) and ``exercise`` (the stem of the exercise that practises it, or
``null``). Code questions also have ``check`` (the autograder check's name; checks named
``<check>_...`` belong to the question too) and ``code`` (the model code, the student's part
between ``### BEGIN SOLUTION`` and ``### END SOLUTION``). A code question that also asks a
concept (q04 "What is a list comprehension?") has ``concept``, that half of the question: its
``key_points`` are then the rubric of the written answer, and the checks grade the code.

Every written answer (an open question, or the concept half of a code question) is worth
:data:`ANSWER_POINTS` in the nbgrader course, whatever its number of key points, which share it.

:func:`load` validates the file and names the entry at fault; :func:`rubric` gives the nbgrader
course its manually graded questions; :func:`module_source` is the code questions as one module
(stubbed or not) and :func:`model_file` that module with the model code, for grading it. The
generated files are written by :mod:`autograder.build.quiz_files`; the learner's progress is kept
by :mod:`autograder.quiz.progress`.
"""

from __future__ import annotations

import hashlib
import re
import tempfile
import textwrap
from dataclasses import dataclass
from pathlib import Path

from autograder.core.errors import GraderError
from autograder.core.exercise import STEMS as EXERCISE_STEMS
from autograder.core.files import atomic_write
from autograder.core.markers import BEGIN, END, strip_markers, strip_solutions
from autograder.core.paths import ROOT, SOLUTIONS

STEM = "questionnaire"
KINDS = ("open", "code", "further_research")
_ID = re.compile(r"^(q\d\d|fr\d)$")
_REQUIRED = ("id", "number", "kind", "question", "answer", "key_points", "section", "exercise")
_CODE_ONLY = ("check", "code", "concept")

#: The points of one written answer in the nbgrader course, its key points sharing them equally.
#: 35 written answers (31 open questions, 4 concept halves) give 17.5 points, and the code checks
#: 7, so the questionnaire is worth 24.5 points beside 8 to 11 per exercise: about two
#: exercises for 37 questions. (One point per key point made it 116, more than the seven
#: exercises together.)
ANSWER_POINTS = 0.5


class QuestionnaireError(GraderError, ValueError):
    """The questionnaire file is malformed (the maintainer's to fix); the message names the file
    and the entry."""


@dataclass(frozen=True)
class Question:
    id: str
    number: int | None
    kind: str
    question: str
    answer: str
    key_points: tuple[str, ...]
    section: str
    exercise: str | None
    check: str | None = None
    code: str | None = None
    concept: str | None = None

    @property
    def label(self) -> str:
        """``Question 7`` or ``Further research 1``."""
        if self.kind == "further_research":
            return f"Further research {self.id[2:]}"
        return f"Question {self.number}"

    @property
    def written(self) -> bool:
        """Whether a written answer is graded: an open question, or a code question's concept
        half (the key points are its rubric)."""
        return self.kind == "open" or self.concept is not None

    @property
    def title(self) -> str:
        """The question's text on one line (for lists and prompts)."""
        return " ".join(self.question.split())


def yaml_path(root: Path = ROOT) -> Path:
    return Path(root) / SOLUTIONS / f"{STEM}.yaml"


def _validate(entry, index: int, path: Path, stems: list[str]) -> Question:
    qid = entry.get("id") if isinstance(entry, dict) else None
    where = (f"{path}: question {qid!r}" if isinstance(qid, str) and qid else
             f"{path}: entry {index + 1} of questions" + (f" (id {qid!r})" if qid else ""))

    def fail(problem: str):
        raise QuestionnaireError(f"{where}: {problem}")

    if not isinstance(entry, dict):
        fail(f"should be a mapping of fields, not {type(entry).__name__}")
    missing = [f for f in _REQUIRED if f not in entry]
    if missing:
        fail(f"missing field(s) {', '.join(missing)}")
    unknown = sorted(set(entry) - set(_REQUIRED) - set(_CODE_ONLY))
    if unknown:
        allowed = ", ".join(_REQUIRED + _CODE_ONLY)
        fail(f"unknown field(s) {', '.join(unknown)} (allowed: {allowed})")
    if not isinstance(qid, str) or not _ID.match(qid):
        fail("`id` must look like q07 or fr1")
    kind = entry["kind"]
    if kind not in KINDS:
        fail(f"`kind` is {kind!r}; it must be one of {', '.join(KINDS)}")
    number = entry["number"]
    if kind == "further_research":
        if number is not None or not qid.startswith("fr"):
            fail("a further_research item has an id like fr1 and `number: null`")
    elif not isinstance(number, int) or qid != f"q{number:02d}":
        fail(f"`number` ({number!r}) must be the book's number, matching the id")
    for name in ("question", "answer", "section"):
        if not isinstance(entry[name], str) or not entry[name].strip():
            fail(f"`{name}` must be non-empty text")
    points = entry["key_points"]
    if not isinstance(points, list) or len(points) < 2 or not all(
        isinstance(p, str) and p.strip() for p in points
    ):
        fail("`key_points` must be a list of at least two non-empty strings")
    exercise = entry["exercise"]
    if exercise is not None and exercise not in stems:
        fail(f"`exercise` {exercise!r} is not an exercise stem ({', '.join(stems)}) nor null")
    check, code, concept = entry.get("check"), entry.get("code"), entry.get("concept")
    if concept is not None and (not isinstance(concept, str) or not concept.strip()):
        fail("`concept` must be non-empty text: the concept half of the question")
    if kind == "code":
        if not isinstance(check, str) or not check.isidentifier():
            fail("a code question needs `check`: the name of its autograder check")
        if not isinstance(code, str) or BEGIN not in code or END not in code:
            fail(f"a code question needs `code` with {BEGIN} and {END} around the student's part")
    elif check is not None or code is not None or concept is not None:
        fail("only code questions have `check`, `code` and `concept`")
    return Question(qid, number, kind, entry["question"].strip(), entry["answer"].strip(),
                    tuple(p.strip() for p in points), entry["section"].strip(), exercise,
                    check, code, " ".join(concept.split()) if concept else None)


def load(path: Path | None = None) -> list[Question]:
    """Every entry of the questionnaire, in the file's (the book's) order, validated."""
    import yaml

    path = Path(path) if path else yaml_path()
    try:
        data = yaml.safe_load(path.read_text())
    except OSError as err:
        raise QuestionnaireError(f"{path}: cannot read the questionnaire ({err})") from None
    except yaml.YAMLError as err:
        raise QuestionnaireError(f"{path}: not valid YAML: {err}") from None
    if not isinstance(data, dict) or not isinstance(data.get("questions"), list):
        raise QuestionnaireError(f"{path}: expected a mapping with a `questions:` list")
    questions = [_validate(e, i, path, EXERCISE_STEMS) for i, e in enumerate(data["questions"])]
    seen = set()
    for q in questions:
        if q.id in seen:
            raise QuestionnaireError(f"{path}: question {q.id!r}: the id is used twice")
        seen.add(q.id)
    return questions


def get(qid: str, questions: list[Question] | None = None) -> Question:
    """The question called ``qid`` (``"q07"``); a KeyError lists the ids there are."""
    questions = load() if questions is None else questions
    for q in questions:
        if q.id == qid:
            return q
    raise KeyError(f"no question {qid!r}; the ids are {', '.join(q.id for q in questions)}")


def check_names(question: Question, names: list[str]) -> list[str]:
    """Of the check ``names``, those that belong to ``question`` (its ``check``, or prefixed)."""
    if not question.check:
        return []
    return [n for n in names if n == question.check or n.startswith(question.check + "_")]


def rubric(path: Path | None = None) -> list[dict]:
    """For the nbgrader course: per question, what a manually graded answer cell needs.

    Each dict: ``id``, ``number``, ``kind``, ``question``, ``concept`` (the written half of a
    code question, or None), ``key_points`` (the rubric), ``points`` (:data:`ANSWER_POINTS` for a
    written answer, 0 where nothing is graded by hand), ``model_answer``, ``section`` and
    ``exercise``.
    """
    return [
        {"id": q.id, "number": q.number, "kind": q.kind, "question": q.question,
         "concept": q.concept, "key_points": list(q.key_points),
         "points": ANSWER_POINTS if q.written else 0,
         "model_answer": q.answer, "section": q.section, "exercise": q.exercise}
        for q in load(path)
    ]


def _split_imports(code: str) -> tuple[list[str], str]:
    """The top-level import lines of ``code``, and the rest."""
    imports, rest = [], []
    for line in code.strip("\n").splitlines():
        (imports if line.startswith(("import ", "from ")) else rest).append(line)
    return imports, "\n".join(rest).strip("\n")


def module_source(questions: list[Question], stub: bool) -> str:
    """The code questions as one module: imports first, then each question's code.

    ``stub``: solution regions replaced by ``raise NotImplementedError``; else markers removed.
    """
    imports, blocks = [], []
    for q in questions:
        if q.kind != "code":
            continue
        found, body = _split_imports(q.code)
        imports += [i for i in found if i not in imports]
        body = strip_solutions(body, STEM, f"{STEM}.yaml {q.id}") if stub else strip_markers(body)
        comment = textwrap.wrap(f"{q.label} ({q.id}): {q.title} Book section: \"{q.section}\". "
                                f"Checked by: {q.check}.", 97)
        blocks.append("\n".join("# " + line for line in comment) + "\n" + body.strip())
    imports.sort(key=lambda line: (line.startswith("from "), line))
    doc = ('"""Chapter 4 questionnaire: the code questions, one function each.\n\n'
           'Grade them with `pytest exercises -k questionnaire`.\n"""')
    return "\n\n\n".join([doc + "\n\n" + "\n".join(imports)] + blocks) + "\n"


def model_file(root: Path = ROOT) -> Path:
    """The model code (markers removed) as a ``.py`` file, for grading it like a solution file.

    Written once per content into the temporary folder (the yaml stays the only source).
    """
    text = module_source(load(yaml_path(root)), stub=False)
    digest = hashlib.sha1(text.encode()).hexdigest()[:12]
    path = Path(tempfile.gettempdir()) / "mnist-basics" / f"{STEM}_model_{digest}.py"
    if not path.exists():
        atomic_write(path, text)
    return path

