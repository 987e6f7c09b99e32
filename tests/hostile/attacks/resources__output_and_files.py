"""An output flood, a huge file and open-file exhaustion, each in its own function.

mean_image writes 200 MB to stdout and stderr (Python and raw file descriptors) and then answers
right; make_dset writes a 1 GB file into the temporary folder and then answers right;
stack_images opens /dev/null until no descriptor is left, keeps all but a few, and answers right.
The grader's own output must stay small, no file larger than the worker's limit may appear outside
the worker, and the grader must still write its report.
"""

import os
import sys
import tempfile

EXERCISE = "e01_stacking"
BASE = "solution"
MAY_FAIL = ["mean_image_values", "make_dset_pairs", "stack_images_values"]

_FDS = []
_honest = {name: globals()[name] for name in ("mean_image", "make_dset", "stack_images")}


def mean_image(stacked):
    line = b"flood @@TOKEN@@ " + b"x" * (1 << 20) + b"\n"
    for _ in range(50):
        sys.stdout.write(line.decode())
        sys.stderr.write(line.decode())
        os.write(1, line)
        os.write(2, line)
    return _honest["mean_image"](stacked)


def make_dset(x, y):
    path = os.path.join(tempfile.gettempdir(), "big-@@TOKEN@@.bin")
    chunk = b"\0" * (1 << 20)
    with open(path, "wb") as f:
        for _ in range(1024):
            f.write(chunk)
    return _honest["make_dset"](x, y)


def stack_images(paths):
    for _ in range(100_000):
        try:
            _FDS.append(open(os.devnull))  # noqa: SIM115
        except OSError:
            break
    for f in _FDS[-32:]:  # a few back, to open the images
        f.close()
    return _honest["stack_images"](paths)
