"""``mnist-grade quiz``: the questionnaire in a terminal, for learners without an instructor.

For each question not done yet, in the book's order: show it, read the learner's answer (several
lines, ended by an empty line), save it, reveal the model answer and key points, ask y/n for each
key point, save the marks, go on. A second run resumes where the first stopped (an answer saved
but not marked yet resumes at the marking). Ctrl-D or Ctrl-C saves what was typed and exits
cleanly; the end shows a summary. ``--only q01,q05`` limits the quiz; ``--reset`` starts those
questions (or all) afresh, keeping the old progress file as a backup.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable

from autograder.core.commands import command, mnist_grade
from autograder.quiz import catalogue as questionnaire
from autograder.quiz.progress import ProgressStore, answer_text, status, summary, summary_text


class Stop(Exception):
    """The learner ended the session (Ctrl-D or Ctrl-C)."""

    def __init__(self, interrupted: bool) -> None:
        super().__init__("interrupted" if interrupted else "end of input")
        self.interrupted = interrupted


class Quiz:
    def __init__(self, store: ProgressStore, questions: list, read: Callable[[str], str] = input,
                 write: Callable[[str], None] = print) -> None:
        self.store, self.questions, self._read, self.write = store, questions, read, write

    def read(self, prompt: str) -> str:
        try:
            return self._read(prompt)
        except EOFError:
            raise Stop(False) from None
        except KeyboardInterrupt:
            raise Stop(True) from None

    def read_answer(self, q) -> None:
        """Lines until an empty one; on Ctrl-D/Ctrl-C what was typed is saved before stopping."""
        self.write("Your answer, in your own words (finish with an empty line; Ctrl-D saves "
                   "and stops):")
        lines = []
        try:
            while True:
                line = self.read("> ")
                if not line.strip() and lines:
                    break
                if line.strip():
                    lines.append(line.rstrip())
        except Stop:
            if lines:
                self.store.save_answer(q.id, "\n".join(lines))
            raise
        self.store.save_answer(q.id, "\n".join(lines))

    def yes_no(self, prompt: str) -> bool:
        while True:
            reply = self.read(prompt).strip().lower()
            if reply in ("y", "yes"):
                return True
            if reply in ("n", "no"):
                return False
            self.write("  please answer y or n")

    def ask(self, q, position: str) -> None:
        self.write(f"\n=== {q.label} ({q.id}), {position} ===")
        self.write(textwrap.fill(q.title, 100))
        if q.kind == "code":
            graded = (f"the notebook's check cell or `{command('pytest')} exercises -k "
                      "questionnaire`, from the repository root, grades the real function")
            self.write(f"(A code question: {graded}. Here, answer its written part: "
                       f"{q.concept})" if q.concept else
                       f"(A code question: sketch the code here; {graded}.)")
        entry = self.store.entry(q.id)
        if status(entry, q) == "new":
            self.read_answer(q)
        else:
            self.write("Your saved answer:\n" + textwrap.indent(entry.get("answer") or "(empty)",
                                                                "  "))
        self.write("\n" + answer_text(q))
        self.write("\nDid your answer cover each key point?")
        covered = [self.yes_no(f"  {i}. {textwrap.shorten(p, 90)} [y/n] ")
                   for i, p in enumerate(q.key_points, 1)]
        self.store.save_marks(q.id, covered)
        self.write(f"Saved: {sum(covered)} of {len(covered)} key points covered.")

    def run(self) -> int:
        entries = self.store.read()
        todo = [q for q in self.questions if status(entries.get(q.id, {}), q) != "done"]
        done_before = len(self.questions) - len(todo)
        if done_before:
            self.write(f"Welcome back: {done_before} of {len(self.questions)} questions done; "
                       "continuing where you left off.")
        code = 0
        try:
            for q in todo:
                index = self.questions.index(q) + 1
                self.ask(q, f"{index} of {len(self.questions)}")
        except (Stop, KeyboardInterrupt) as stop:
            self.write(f"\nStopped; your progress is saved in {self.store.path}. Run "
                       f"`{mnist_grade('quiz')}` again to continue.")
            code = 130 if getattr(stop, "interrupted", True) else 0
        self.write("\n" + summary_text(summary(self.store, self.questions)))
        return code


def main(progress: str | None = None, only: str | None = None, reset: bool = False,
         read: Callable[[str], str] = input, write: Callable[[str], None] = print) -> int:
    """The ``mnist-grade quiz`` command; returns the exit status."""
    questions = questionnaire.load()
    if only:
        wanted = [w.strip() for w in only.split(",") if w.strip()]
        known = {q.id for q in questions}
        unknown = [w for w in wanted if w not in known]
        if unknown:
            write(f"mnist-grade quiz: no question {', '.join(unknown)}; the ids are "
                  f"{', '.join(q.id for q in questions)}")
            return 2
        questions = [q for q in questions if q.id in wanted]
    store = ProgressStore(progress, warn=write)
    if reset:
        backup = store.reset([q.id for q in questions] if only else None)
        if backup:
            write(f"Progress reset (the previous file is kept as {backup}).")
    return Quiz(store, questions, read, write).run()
