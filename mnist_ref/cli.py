"""``mnist-ref``: reproduce chapter 4 end to end, on whatever MNIST data is found.

    mnist-ref run [--data PATH] [--stages a,b] [--json PATH] [--plots DIR] [--device cpu|cuda]
    mnist-ref stages          list the stages in the book's order
    mnist-ref data            find, prepare and describe both datasets
    mnist-ref seed-cache ARCHIVE   put mnist_sample.tgz / mnist_png.tgz in fastai's cache

Exit status: 0 when every judged stage reached its threshold, 1 when one did not, 2 for bad input
(a message says what to fix; no traceback).
"""

from __future__ import annotations

import argparse
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


def _run(args) -> int:
    from mnist_ref import report
    from mnist_ref.runtime import default_device
    from mnist_ref.stages import Context, run_stage

    device = default_device(args.device)
    ctx = Context(data_dir=args.data, device=device, seed=args.seed, progress=not args.no_progress)
    rows, outcomes = [], {}
    for stage in _select(args, device):
        result, outcome = run_stage(stage, ctx)
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

        for path in plots.write_all(args.plots, outcomes):
            print(f"plot written to {path}")
    return 1 if any(r.passed is False for r in rows) else 0


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
        print(f"mnist-ref: {err}", file=sys.stderr)
        return 2
    return 2


if __name__ == "__main__":
    sys.exit(main())
