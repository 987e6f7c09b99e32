"""The warm fork server: a process that has imported torch once and forks a fresh worker on demand.

Started by the grader (:class:`autograder.sandbox.client.Zygote`) as
``python -m autograder.sandbox.zygote FD``, where ``FD`` is its end of a control socket. Importing
torch takes seconds; forking a process that already has it takes milliseconds, so isolation costs
a student almost nothing. The fork server never runs student code and never starts torch's thread
pools (a fork after they start can hang).

For each ``spawn`` request it forks an *intermediate* process, which

1. becomes the leader of a new process group and dies with the fork server (``PR_SET_PDEATHSIG``);
2. enters new namespaces (:func:`autograder.sandbox.limits.unshare`) and forks the *worker*, PID 1
   of its own PID namespace, whose death ends every process it started;
3. tells the grader the worker's process id, then waits for the worker and tells the grader how it
   ended (an exit status or a signal), which is how ``os._exit``, a segfault or an out-of-memory
   kill become a sentence in the student's feedback.

The worker confines itself (:func:`autograder.sandbox.limits.confine` steps) before it reads a
byte of student code, then serves requests (:class:`autograder.sandbox.worker.Worker`).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import faulthandler
import importlib
import json
import os
import select
import signal
import socket
import sys
import tempfile

PR_SET_PDEATHSIG = 1
ALIVE = b"\n[mnist-grade: python is running]\n"


def _die_with_parent() -> None:
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # not Linux: the grader's process-group kill remains
        pass


#: Imported by the fork server once it is ready, while it waits for requests: torch's optimizers
#: import ``torch._dynamo`` on first use (about 2 s here, single-threaded: safe to fork after), so
#: a worker forked later starts with it, and one forked sooner imports it itself.
LATER = ("torch._dynamo",)


def preload() -> None:
    """Import what every worker needs, once: torch, numpy, PIL, matplotlib. Never ``mnist_ref``:
    the reference definitions a worker may hold arrive as text (:mod:`autograder.sandbox.book`)."""
    os.environ.setdefault("MPLBACKEND", "Agg")
    import encodings.idna  # noqa: F401 - looked up lazily by socket functions

    import matplotlib  # noqa: F401 - the questionnaire draws plots
    import numpy  # noqa: F401
    import PIL.Image  # noqa: F401
    import torch
    import torch.nn.functional  # noqa: F401

    import autograder.sandbox.limits  # noqa: F401
    import autograder.sandbox.worker  # noqa: F401

    torch.set_num_threads(1)  # small tensors: one thread is fastest, and no pool before fork


def _spawn(control: socket.socket, request: dict) -> None:
    from autograder.sandbox.limits import Applied, Limits

    limits = Limits(**{**request["limits"], "hide": tuple(request["limits"].get("hide", ()))})
    grader_end, worker_end = socket.socketpair()
    out_r, out_w = os.pipe()
    go_r, go_w = os.pipe()
    pid = os.fork()
    if pid:  # the fork server
        for fd in (worker_end.fileno(), out_w, go_r, go_w):
            os.close(fd)
        socket.send_fds(control, [json.dumps({"pid": pid}).encode()], [grader_end.fileno(), out_r])
        grader_end.close()
        os.close(out_r)
        return
    # ---- the intermediate process
    try:
        control.close()
        grader_end.close()
        os.close(out_r)
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        os.setsid()
        _die_with_parent()
        applied = Applied()
        namespaced = _unshare(limits, applied)
        child = os.fork()
        if child == 0:
            os.close(go_w)
            os.read(go_r, 1)  # wait until the grader knows our pid
            os.close(go_r)
            try:
                _worker(worker_end, out_w, limits, applied, namespaced, request)
            except BaseException:  # noqa: BLE001 - the grader reads this in the worker's output
                import traceback

                traceback.print_exc()
                sys.stderr.flush()
                os._exit(70)
            os._exit(0)
        os.close(go_r)
        os.close(out_w)
        _send(worker_end, {"worker_pid": child})
        os.write(go_w, b"1")
        os.close(go_w)
        while True:
            try:
                _, status = os.waitpid(child, 0)
                break
            except InterruptedError:
                continue
        ended = ({"signal": os.WTERMSIG(status)} if os.WIFSIGNALED(status)
                 else {"code": os.WEXITSTATUS(status)})
        try:
            _send(worker_end, {"ended": ended})
        except OSError:
            pass
    finally:
        os._exit(0)


def _unshare(limits, applied) -> bool:
    from autograder.sandbox.limits import unshare

    return unshare(limits, applied)


def _worker(sock, out_w, limits, applied, namespaced, request) -> None:
    """The worker process: confine, then serve. Never returns normally."""
    from autograder.sandbox import limits as lim
    from autograder.sandbox.worker import Worker

    _die_with_parent()
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.dup2(out_w, 1)
    os.dup2(out_w, 2)
    os.close(out_w)
    os.close(null)
    sys.stdout = os.fdopen(1, "w", buffering=1, closefd=False)
    sys.stderr = os.fdopen(2, "w", buffering=1, closefd=False)
    faulthandler.register(signal.SIGUSR1, file=sys.stderr, all_threads=True, chain=False)
    # Python runs this handler only between bytecodes: no answer means a long call in C code
    signal.signal(signal.SIGUSR2, lambda signum, frame: os.write(2, ALIVE))
    probes = None
    if request.get("probes"):
        try:
            probes = importlib.import_module(request["probes"])
        except ImportError:
            probes = None
    workdir = tempfile.mkdtemp(prefix="mnist-grade-worker-")  # the grader removes it
    os.chmod(workdir, 0o1777)
    cgroup = ""
    if os.getuid() == 0 and not lim.interpreter_readable_by_others():
        cgroup = lim.pids_cgroup(limits, applied)  # root ignores RLIMIT_NPROC
    if namespaced:
        applied.active.append("network off")
        applied.active.append("processes contained")
        lim.hide_and_freeze(limits, workdir, applied)
    lim.drop_privileges(limits, applied)
    lim.set_rlimits(limits, applied)
    os.chdir(workdir)
    os.environ["HOME"] = os.environ["TMPDIR"] = workdir
    os.environ["MPLCONFIGDIR"] = workdir
    tempfile.tempdir = workdir
    for key in [k for k in os.environ if "TOKEN" in k or "SECRET" in k or "PASSWORD" in k]:
        del os.environ[key]
    _close_others({0, 1, 2, sock.fileno()})
    _send(sock, {"ready": {"active": applied.active, "missing": applied.missing,
                           "workdir": workdir, "cgroup": cgroup}})
    Worker(sock, probes).serve()
    sys.stdout.flush()
    os._exit(0)


def _close_others(keep: set[int]) -> None:
    for fd in range(3, 1024):
        if fd not in keep:
            try:
                os.close(fd)
            except OSError:
                pass


def _send(sock, value) -> None:
    from autograder.sandbox import codec

    header, buffers = codec.encode(value)
    codec.send(sock, header, buffers)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    control = socket.socket(fileno=int(argv[0]))
    _die_with_parent()
    preload()
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # intermediates are reaped by the kernel
    from autograder.sandbox import codec

    control.sendall(b"R")  # ready
    warm_up = list(LATER)
    while True:
        if warm_up:  # while no worker is asked for, import what some exercises need (seconds)
            ready, _, _ = select.select([control], [], [], 0.05)
            if not ready:
                try:
                    importlib.import_module(warm_up.pop(0))
                except ImportError:
                    pass
                continue
        try:
            header, buffers = codec.recv(control, limit=1 << 20)
        except (EOFError, OSError):
            return 0
        request = codec.decode(header, buffers)
        if request.get("op") == "spawn":
            _spawn(control, request)


if __name__ == "__main__":
    sys.exit(main())
