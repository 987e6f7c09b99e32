"""``mnist-grade watch [STEM]``: the exercise in progress, graded again every time it is saved.

At start every exercise of the folder is graded once (:func:`~autograder.frontends.status.grade_all`),
then the exercise in progress is shown: ``STEM``, or the first one not done. The files are
polled (their modification times and sizes, every ``interval`` seconds: nothing to install); a
saved ``.py`` or notebook is graded again and becomes the exercise shown, with the first check
that does not pass and its message, and a line of progress (exercises done, points). When it is
done, the next exercise not done is shown.

Each grading forks a fresh worker from this process's fork server
(:func:`autograder.sandbox.shared_zygote`), which stays up between saves with PyTorch imported:
for an exercise without training checks the verdict comes well within a second of the save
(``benchmarks/watch_latency.py`` measures it).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from autograder.checks import registry
from autograder.core.commands import mnist_grade
from autograder.core.model import Status
from autograder.frontends.status import (
    Verdict,
    default_folder,
    grade_all,
    grade_exercise,
    progress_line,
)
from autograder.render.text import points, result_line

CLEAR = "\033[H\033[2J"  # cursor home, clear the screen
RULE = "=" * 72  # between screens when the output is not a terminal


class Watch:
    """The state of one ``mnist-grade watch``: the latest verdict of every exercise, the one
    shown, and the files' last seen modification stamps."""

    def __init__(self, folder: Path, stem: str | None = None, out=None,
                 interval: float = 0.05, clear: bool | None = None) -> None:
        self.folder = Path(folder)
        self.out = out or sys.stdout
        self.interval = interval
        self.clear = self.out.isatty() if clear is None else clear
        self.current = stem
        self.verdicts: dict[str, Verdict] = {}
        self.seen: dict[str, tuple] = {}

    # ------------------------------------------------------------------ files
    def stamp(self, stem: str) -> tuple:
        """What changes when ``stem``'s ``.py`` or notebook is saved (mtime and size of each)."""
        stamps = []
        for suffix in (".py", ".ipynb"):
            try:
                st = (self.folder / f"{stem}{suffix}").stat()
                stamps.append((st.st_mtime_ns, st.st_size))
            except OSError:
                stamps.append(None)
        return tuple(stamps)

    def changed(self) -> list[str]:
        """The exercises saved since the last look, in course order."""
        stems = []
        for stem in registry.STEMS:
            now = self.stamp(stem)
            if now != self.seen.get(stem):
                self.seen[stem] = now
                stems.append(stem)
        return stems

    # ------------------------------------------------------------------ grading
    def start(self) -> None:
        """Grade every exercise once and show the one in progress."""
        self.write(f"mnist-grade watch: grading every exercise in {self.folder}/ once ...")
        self.changed()  # the stamps as they are now
        for verdict in grade_all(self.folder, lambda v: self.write(
                f"  {v.stem}: {points(v.report.score, v.report.possible)}")):
            self.verdicts[verdict.stem] = verdict
        if self.current is None:
            self.current = self.next_not_done() or registry.STEMS[0]
        self.show(self.verdicts[self.current])

    def step(self) -> bool:
        """Look at the files once; grade and show what was saved. True when something was."""
        stems = self.changed()
        if not stems:
            return False
        for stem in stems[:-1]:  # saved at once (a checkout, a copy): the last one is shown
            self.verdicts[stem] = grade_exercise(self.folder, stem)
        grade_exercise(self.folder, stems[-1], self.saved)  # shown before its worker goes
        return True

    def saved(self, verdict: Verdict) -> None:
        """Show the verdict of a saved exercise, or the next one not done when it is done."""
        self.verdicts[verdict.stem] = verdict
        self.current = verdict.stem
        if verdict.done:  # on to the next exercise not done, as its last grading left it
            self.current = self.next_not_done(after=verdict.stem) or verdict.stem
        self.show(self.verdicts[self.current], done=verdict if verdict.done else None)

    def next_not_done(self, after: str | None = None) -> str | None:
        """The first exercise not done (after ``after``, wrapping around)."""
        order = list(registry.STEMS)
        if after is not None:
            i = order.index(after) + 1
            order = order[i:] + order[:i]
        todo = [s for s in order if s in self.verdicts and not self.verdicts[s].done]
        present = [s for s in todo if self.verdicts[s].file.exists()]  # a missing file last
        return (present or todo or [None])[0]

    def run(self) -> int:
        """Watch until Ctrl-C."""
        try:
            self.start()
            while True:
                time.sleep(self.interval)
                self.step()
        except KeyboardInterrupt:
            self.write("\nmnist-grade watch: stopped.")
        return 0

    # ------------------------------------------------------------------ screen
    def screen(self, verdict: Verdict, done: Verdict | None = None) -> str:
        """What the student sees after a grading: the exercise in progress (its first check that
        does not pass, with the message), the progress line, and what to do; ``done``: the
        exercise just saved, when it passes every check."""
        lines = []
        if done is not None:
            lines.append(f"Done: {done.stem} passes every check "
                         f"({points(done.report.score, done.report.possible)} points).")
            # shown next: the next exercise not done, or this one when every exercise is done
            lines += ["Every exercise is done: full marks." if verdict is done else "Next exercise:",
                      ""]
        if verdict is not done:
            lines += self.body(verdict)
        lines += [
            "",
            progress_line([self.verdicts[s] for s in registry.STEMS if s in self.verdicts]),
            f"Save {verdict.stem}.py (or its notebook) to grade it again; Ctrl-C stops. "
            f"Stuck? `{mnist_grade('hint', verdict.stem)}`",
        ]
        return "\n".join(lines)

    @staticmethod
    def body(verdict: Verdict) -> list[str]:
        """An exercise's verdict: file, points, the first check that does not pass."""
        report = verdict.report
        passed = report.count(Status.PASSED)
        lines = [
            f"{registry.exercise(verdict.stem).title}: {verdict.file}{verdict.note}",
            f"graded at {time.strftime('%H:%M:%S', time.localtime(verdict.at))} in "
            f"{verdict.seconds:.1f} s: {points(report.score, report.possible)} points, {passed} of "
            f"{len(report.results)} checks pass",
            "",
        ]
        first = verdict.first_failing
        if first is None:
            lines.append(f"Every check of {verdict.stem} passes.")
        else:
            lines += ["The first check that does not pass:", result_line(first)]
        return lines

    def show(self, verdict: Verdict, done: Verdict | None = None) -> None:
        text = self.screen(verdict, done)
        self.write((CLEAR if self.clear else RULE + "\n") + text)

    def write(self, text: str) -> None:
        print(text, file=self.out, flush=True)


def main(stem: str | None = None, folder: str | None = None, interval: float = 0.05) -> int:
    """``mnist-grade watch [STEM] [--folder DIR]``."""
    where = Path(folder) if folder else default_folder()
    if not where.is_dir():
        print(f"mnist-grade watch: {where} is not a folder (give the folder of your exercise "
              "files with --folder)", file=sys.stderr)
        return 2
    if stem is not None and stem not in registry.STEMS:
        print(f"mnist-grade watch: no exercise called {stem!r}; the exercises are: "
              f"{', '.join(registry.STEMS)}", file=sys.stderr)
        return 2
    return Watch(where, stem, interval=interval).run()
