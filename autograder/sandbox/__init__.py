"""Student code in an isolated worker process: the only place where it runs.

The grader (checks, reference answers, scoring, reports) stays in its own process; the student's
code runs in a worker forked from a warm fork server (:mod:`.zygote`), confined from outside
(:mod:`.limits`), restricted in what it may import (:mod:`.guard`), and driven through a small
request protocol (:mod:`.worker`) over a socket where only plain data crosses (:mod:`.codec`).
:mod:`.client` is the grader's side: :class:`~.client.RemoteSubmission` is what checks receive.

:func:`shared_zygote` is the fork server of this grading process, started on first use and ended
when the process exits.
"""

from __future__ import annotations

import atexit
import threading

_lock = threading.Lock()
_zygote = None


def shared_zygote():
    """This process's fork server (started in the background on first call)."""
    global _zygote
    from autograder.sandbox.client import Zygote

    with _lock:
        if _zygote is None:
            _zygote = Zygote()
            _zygote.start()
            atexit.register(close_shared)
        return _zygote


def close_shared() -> None:
    """End this process's fork server (and with it every worker it forked)."""
    global _zygote
    with _lock:
        if _zygote is not None:
            _zygote.close()
            _zygote = None
