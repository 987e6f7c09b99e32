"""Measure the accuracy of every stage over several seeds, per data variant: the numbers behind
:mod:`mnist_ref.thresholds` and the README's threshold table.

    python benchmarks/thresholds.py --data ../shared/data            # complete MNIST_SAMPLE + test set
    python benchmarks/thresholds.py --data DIR_WITH_ONLY_mnist_idx   # embedded 3s/7s + test set
    python benchmarks/thresholds.py                                   # embedded, held-out splits

Without ``--data`` it runs offline on the embedded digits, with an empty fastai cache.
"""

from __future__ import annotations

import argparse
import os
import tempfile

from mnist_ref.stages import STAGES, Context, run_stage


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", default=None)
    parser.add_argument("--seeds", default="0,1,2,42")
    parser.add_argument("--stages", default="")
    args = parser.parse_args()
    if args.data is None:
        os.environ.pop("MNIST_REF_DATA", None)
        os.environ["MNIST_REF_OFFLINE"] = "1"
        os.environ["FASTAI_HOME"] = tempfile.mkdtemp(prefix="fastai-empty-")
    wanted = [
        s
        for s in STAGES
        if not s.needs_gpu_by_default and (not args.stages or s.name in args.stages.split(","))
    ]
    found: dict[tuple[str, str], list[float]] = {}
    for seed in (int(s) for s in args.seeds.split(",")):
        ctx = Context(data_dir=args.data, seed=seed, progress=False)
        for stage in wanted:
            result, _ = run_stage(stage, ctx)
            found.setdefault((result.data, stage.name), []).append(result.accuracy)
            print(
                f"seed {seed:3}  {result.data:30} {stage.name:24} {result.accuracy:.4f}  "
                f"{result.seconds:.2f} s",
                flush=True,
            )
    print(
        "\nvariant                        stage                    min     max     (seeds "
        f"{args.seeds})"
    )
    for (variant, stage), accs in found.items():
        print(f"{variant:30} {stage:24} {min(accs):.4f}  {max(accs):.4f}")


if __name__ == "__main__":
    main()
