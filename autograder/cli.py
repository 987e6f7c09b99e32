"""``mnist-grade``: the maintainers' and students' commands around the autograder.

mnist-grade build [--check]     generate exercises/ and course/ from solutions/ (or list stale and
                                stray files)
mnist-grade hint STEM [LEVEL]   print a hint (1 = a nudge; higher levels say more)
mnist-grade status              every exercise graded: points, state, what to do next
mnist-grade watch [STEM]        the exercise in progress, graded again on every save
mnist-grade list                the exercises in course order, with points
mnist-grade mutants             grade every mutant and alternative: catch rate, false failures
mnist-grade quiz [--only IDS]   the questionnaire: answer, reveal, mark yourself; resumes
mnist-grade batch SUBMISSIONS --out DIR [--workers N] [--exercises STEMS] [--scheduler ADDRESS]
                  [--nbgrader-db PATH]
                                grade a whole class: gradebook CSV, each student's reports and
                                feedback, the class report; resumable (see autograder/batch)
"""

from __future__ import annotations

import argparse
import sys


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="mnist-grade", description="Chapter 4 autograder tools.")
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="generate exercises/ from solutions/")
    b.add_argument("--check", action="store_true", help="write nothing; exit 1 if a file is stale")
    h = sub.add_parser("hint", help="print a hint for an exercise")
    h.add_argument("stem")
    h.add_argument("level", nargs="?", type=int, default=1)
    st = sub.add_parser("status", help="every exercise graded: points, state, what to do next")
    st.add_argument("--folder", metavar="DIR", default=None,
                    help="your exercise files (default: ./exercises)")
    w = sub.add_parser("watch", help="grade the exercise in progress again on every save")
    w.add_argument("stem", nargs="?", default=None,
                   help="the exercise to start with (default: the first one not done)")
    w.add_argument("--folder", metavar="DIR", default=None,
                   help="your exercise files (default: ./exercises)")
    sub.add_parser("list", help="the exercises in course order")
    sub.add_parser("mutants", help="grade every mutant and alternative answer")
    q = sub.add_parser("quiz", help="the chapter's questionnaire, answered and self-marked")
    q.add_argument(
        "--progress",
        metavar="PATH",
        default=None,
        help="progress file (default: $MNIST_QUIZ_PROGRESS or "
        "~/.local/share/mnist-basics/quiz.json)",
    )
    q.add_argument("--only", metavar="IDS", default=None, help="only these, e.g. q01,q05")
    q.add_argument(
        "--reset",
        action="store_true",
        help="start afresh (those of --only, or all); the old file is kept as a backup",
    )
    _add_batch(sub)
    args = parser.parse_args(argv)

    from autograder.checks import registry

    if args.command == "build":
        return _build(args.check)
    if args.command == "hint":
        try:
            print(registry.hint(args.stem, args.level))
        except KeyError as err:
            print(f"mnist-grade: {err.args[0]}", file=sys.stderr)
            return 2
        return 0
    if args.command == "status":
        from autograder.frontends.status import main as status_main

        return status_main(args.folder)
    if args.command == "watch":
        from autograder.frontends.watch import main as watch_main

        return watch_main(args.stem, args.folder)
    if args.command == "list":
        for ex in registry.exercises():
            print(f"{ex.stem:18} {ex.possible:3} points  {len(ex.checks):2} checks  {ex.title}")
        return 0
    if args.command == "mutants":
        from autograder.maint.mutants import main as mutants_main

        return mutants_main()
    if args.command == "batch":
        from autograder.batch.run import main as batch_main

        return batch_main(args)
    if args.command == "quiz":
        from autograder.frontends.quiz_cli import main as quiz_main

        return quiz_main(args.progress, args.only, args.reset)
    return 2


def _add_batch(sub) -> None:
    """``mnist-grade batch``'s arguments (the command is :mod:`autograder.batch.run`)."""
    b = sub.add_parser("batch", help="grade a whole class (a folder or zip per student, or "
                       "nbgrader's submitted/): gradebook, feedback, class report")
    b.add_argument("submissions", metavar="SUBMISSIONS",
                   help="the folder with one folder or .zip per student (or an nbgrader course)")
    b.add_argument("--out", metavar="DIR", required=True,
                   help="where the gradebook, the journal and each student's files go")
    b.add_argument("--workers", metavar="N", type=int, default=None,
                   help="grading processes (default: this machine's cores)")
    b.add_argument("--exercises", metavar="STEMS", default=None,
                   help="only these, comma-separated (default: every exercise)")
    b.add_argument("--scheduler", metavar="ADDRESS", default=None,
                   help="grade on the Dask cluster of this scheduler (tcp://host:8786)")
    b.add_argument("--nbgrader-db", metavar="PATH", default=None,
                   help="also write the scores into this nbgrader gradebook.db")


def _build(check: bool) -> int:
    """``mnist-grade build [--check]``: write the generated files, or (``check``) fail when one is
    stale or when a file in a generated folder is not generated (a stray)."""
    from autograder.build import BuildError, build, outputs, strays
    from autograder.core.commands import mnist_grade
    from autograder.core.paths import ROOT

    try:
        outs = outputs(ROOT)
    except BuildError as err:
        print(f"mnist-grade build: {err}", file=sys.stderr)
        return 2
    stale, extra = build(ROOT, check, outs), strays(ROOT, outs)
    for path in stale:
        print(f"{'stale' if check else 'wrote'}: {path.relative_to(ROOT)}")
    for path in extra:
        print(f"stray: {path.relative_to(ROOT)} (no generator writes it: delete it, or add the "
              "generator that makes it to autograder/build/pipeline.py)")
    if check and (stale or extra):
        print(f"generated folders are out of date: run `{mnist_grade('build')}`, remove the "
              "strays, and commit the result")
        return 1
    if not stale and not extra:
        print("generated files are up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main())
