"""``mnist-ref``: reproduce chapter 4 end to end, on whatever MNIST data is found.

    mnist-ref run [--data PATH] [--stages a,b] [--json PATH] [--plots DIR] [--device cpu|cuda]
    mnist-ref stages          list the stages in the book's order
    mnist-ref data            find, prepare and describe both datasets
    mnist-ref seed-cache ARCHIVE   put mnist_sample.tgz / mnist_png.tgz in fastai's cache

Before training, ``run`` loads the data every selected stage needs. Stages whose data cannot be
loaded (say ``--data`` holds only ``mnist_sample.tgz``: no ten-digit data) are named at once and
skipped, with a row saying so in the table; the other stages run. Skipping beats falling back to
other data: a path the user names is never swapped silently for another source (see
:mod:`mnist_ref.data.sources`), and the numbers in the table are then always on the data asked for.

Exit status: 0 when every judged stage reached its threshold, 1 when one did not, 2 for bad input
(a message says what to fix; no traceback): no selected stage can run on the data, a stage named
in ``--stages`` was skipped, or the data failed during the run (the table is printed first).
130 when interrupted with Ctrl-C (the table of the finished stages is printed first).
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

from mnist_ref.runtime import DEFAULT_SEED


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="mnist-ref", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)

    run = sub.add_parser("run", help="train every stage of the chapter and print the table")
    run.add_argument(
        "--data",
        metavar="PATH",
        help="folder or archive with the data "
        "(default: $MNIST_REF_DATA, then fastai's cache, then the embedded digits)",
    )
    run.add_argument(
        "--stages", metavar="NAMES", help="comma-separated stage names (see `mnist-ref stages`)"
    )
    run.add_argument(
        "--skip", metavar="NAMES", default="", help="comma-separated stages to leave out"
    )
    run.add_argument(
        "--no-fastai", action="store_true", help="leave out the stages that import fastai"
    )
    run.add_argument("--json", metavar="PATH", type=Path, help="also write the table as JSON")
    run.add_argument("--plots", metavar="DIR", type=Path, help="write PNG plots into DIR")
    run.add_argument("--device", help="cpu or cuda (default: cuda when present, else cpu)")
    run.add_argument(
        "--seed", type=int, default=DEFAULT_SEED, help=f"random seed (default {DEFAULT_SEED})"
    )
    run.add_argument("--no-progress", action="store_true", help="no progress bars")

    sub.add_parser("stages", help="list the stages in the book's order")
    data = sub.add_parser("data", help="find, prepare and describe both datasets")
    data.add_argument("--data", metavar="PATH", help="folder or archive with the data")
    seed = sub.add_parser("seed-cache", help="extract an archive into fastai's data folder")
    seed.add_argument("archive", type=Path, help="mnist_sample.tgz or mnist_png.tgz")
    return parser


def _select(args, device):
    from mnist_ref.stages import STAGES_BY_NAME, default_stages

    if args.stages:
        names = [n.strip() for n in args.stages.split(",") if n.strip()]
        unknown = [n for n in names if n not in STAGES_BY_NAME]
        if unknown:
            raise ValueError(
                f"unknown stage(s) {', '.join(unknown)}; choose from: {', '.join(STAGES_BY_NAME)}"
            )
        stages = [STAGES_BY_NAME[n] for n in names]
    else:
        stages = default_stages(device)
    skip = {n.strip() for n in args.skip.split(",") if n.strip()}
    return [s for s in stages if s.name not in skip and not (args.no_fastai and s.uses_fastai)]


DATA_NAMES = {"mnist_sample": "mnist_sample, the 3s and 7s,", "mnist": "mnist, the ten digits,"}


def _cli_terms(message: str, args) -> str:
    """The data layer's messages name the Python argument ``data_dir``; here the user typed --data."""
    if getattr(args, "data", None):
        message = message.replace("pass data_dir=None", "leave out --data")
        message = re.sub(r"\bdata_dir\b", "--data", message)
    return message


def _data_origin(args) -> str:
    from mnist_ref.data import DATA_ENV

    if args.data:
        return f"--data {args.data}"
    if os.environ.get(DATA_ENV, "").strip():
        return f"{DATA_ENV}={os.environ[DATA_ENV]}"
    return "fastai's cache or the embedded digits"


def _load_data(ctx, stages, args) -> dict[str, tuple[str, str]]:
    """Load every dataset the stages need, before any training (each announces its source).

    Returns ``{dataset: (short reason, full message)}`` for those that could not be loaded.
    """
    from mnist_ref.data import DataError

    unavailable = {}
    for name in dict.fromkeys(s.dataset for s in stages):
        try:
            ctx.dataset(name)
        except DataError as err:
            short = f"{DATA_NAMES.get(name, name)} could not be loaded from {_data_origin(args)}"
            unavailable[name] = (short, _cli_terms(str(err), args))
    return unavailable


def _say_what_is_skipped(stages, unavailable) -> None:
    for name, (short, full) in unavailable.items():
        names = [s.name for s in stages if s.dataset == name]
        print(
            f"mnist-ref: {len(names)} of the {len(stages)} stages cannot run, because {short}: "
            f"{', '.join(names)}. They are skipped; the other stages run and the table follows. "
            f"Why: {full}",
            file=sys.stderr,
            flush=True,
        )


def _run(args) -> int:
    from mnist_ref import report
    from mnist_ref.data import DataError
    from mnist_ref.runtime import default_device
    from mnist_ref.stages import Context, run_stage

    device = default_device(args.device)
    ctx = Context(data_dir=args.data, device=device, seed=args.seed, progress=not args.no_progress)
    stages = _select(args, device)
    unavailable = _load_data(ctx, stages, args)
    if unavailable and all(s.dataset in unavailable for s in stages):
        raise DataError(next(iter(unavailable.values()))[1])  # nothing can run: exit 2, no table
    _say_what_is_skipped(stages, unavailable)

    rows, outcomes, data_error, interrupted = [], {}, False, False
    for stage in stages:
        if stage.dataset in unavailable:
            short = unavailable[stage.dataset][0]
            rows.append(report.SkippedStage(stage.name, stage.title, stage.dataset, short))
            continue
        try:
            result, outcome = run_stage(stage, ctx)
        except DataError as err:  # found only while training: keep what ran, skip its dataset
            short = f"{DATA_NAMES.get(stage.dataset, stage.dataset)} failed while in use"
            unavailable[stage.dataset] = (short, _cli_terms(str(err), args))
            print(f"mnist-ref: {stage.name}: {unavailable[stage.dataset][1]}", file=sys.stderr)
            rows.append(report.SkippedStage(stage.name, stage.title, stage.dataset, short))
            data_error = True
            continue
        except KeyboardInterrupt:
            print(f"\n  {stage.name}: interrupted; the table shows the stages that finished")
            interrupted = True
            break
        print(f"  {stage.name}: {result.accuracy:.4f} in {result.seconds:.2f} s", flush=True)
        rows.append(result)
        outcomes[stage.name] = outcome
    print()
    print(report.format_table(rows))
    if args.json:
        report.write_json(rows, args.json)
        print(f"table written to {args.json}")
    if args.plots:
        from mnist_ref import plots

        data = {r.stage: r.data for r in rows if not isinstance(r, report.SkippedStage)}
        for path in plots.write_all(args.plots, outcomes, data):
            print(f"plot written to {path}")
    if interrupted:
        return 130
    named_but_skipped = args.stages and any(isinstance(r, report.SkippedStage) for r in rows)
    if data_error or named_but_skipped:
        return 2
    return 1 if any(getattr(r, "passed", None) is False for r in rows) else 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    from mnist_ref.data import DataError, load_dataset, seed_fastai_cache

    try:
        if args.command == "run":
            return _run(args)
        if args.command == "stages":
            from mnist_ref.stages import STAGES

            for s in STAGES:
                extra = " (imports fastai)" if s.uses_fastai else ""
                extra += " (default only on a GPU)" if s.needs_gpu_by_default else ""
                print(f"{s.name:24} {s.title}{extra}")
            return 0
        if args.command == "data":
            for name in ("mnist_sample", "mnist"):
                load_dataset(name, args.data)
            return 0
        if args.command == "seed-cache":
            print(f"fastai's untar_data will now find {seed_fastai_cache(args.archive)}")
            return 0
    except (DataError, ValueError) as err:
        print(f"mnist-ref: {_cli_terms(str(err), args)}", file=sys.stderr)
        return 2
    return 2


if __name__ == "__main__":
    sys.exit(main())
