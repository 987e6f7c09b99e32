"""Grading on a Dask distributed cluster (``--scheduler ADDRESS``), for a class one machine is
too small for.

Each file goes to the cluster as its bytes with the task (the Dask workers need not see the
instructor's folders): ``Client(address).submit(grade_shipped, task, data)``. A Dask worker runs
:func:`autograder.batch.task.grade_shipped`, which grades the file in an isolated worker of its
own machine (one warm fork server per Dask worker process) and returns plain data. The results
come back to the instructor's process, which alone writes the journal and the outputs: a Dask
worker that dies costs only its tasks (Dask hands them to another worker), and a batch stopped
half-way resumes from the journal as on one machine.

The Dask workers must run this project's Python environment (the same ``pip install``) with
``MNIST_REF_DATA`` set to the data, and one thread each (``--nthreads 1``): a grading thread
keeps its core busy. ``distributed`` is imported only here, only on this path.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from autograder.batch.layouts import BadInput


class DaskPool:
    """The Dask cluster at ``address``; :meth:`run` yields each task's result as it comes."""

    def __init__(self, address: str, timeout: float = 30.0) -> None:
        try:
            import distributed
        except ImportError:
            raise BadInput("--scheduler needs Dask's distributed: pip install "
                           "'dask[distributed]>=2024.1' (on this machine and on the workers)"
                           ) from None
        self.distributed = distributed
        try:
            self.client = distributed.Client(address, timeout=timeout)
        except (OSError, TimeoutError, ValueError) as err:
            raise BadInput(f"cannot reach the Dask scheduler at {address} ({err}): start one "
                           "(`dask scheduler`, or a dask-jobqueue SLURMCluster) and give the "
                           "address it prints, e.g. tcp://10.0.0.5:8786") from None

    @property
    def workers(self) -> int:
        """How many threads the cluster's workers have in all (one file each at a time)."""
        info = self.client.scheduler_info()
        return sum(w.get("nthreads", 1) for w in info.get("workers", {}).values())

    def run(self, tasks: Iterable[dict]) -> Iterator[dict]:
        from autograder.batch.task import grade_shipped

        futures = {}
        for t in tasks:
            try:
                data = Path(t["path"]).read_bytes()
            except OSError as err:
                yield {**t, "failed": f"{t['path']} cannot be read ({err.strerror})"}
                continue
            futures[self.client.submit(grade_shipped, t, data, pure=False)] = t
        for future in self.distributed.as_completed(futures):
            t = futures.pop(future)
            try:
                yield future.result()
            except Exception as err:  # noqa: BLE001 - a lost worker is a row, not a crash
                yield {**t, "failed": f"the Dask cluster could not grade it: "
                                      f"{type(err).__name__}: {err}"}
            future.release()

    def close(self, wait: float = 0.0) -> None:
        self.client.close()
