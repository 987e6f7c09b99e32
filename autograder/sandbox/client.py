"""The grader's side of the boundary: start workers, send requests, turn every ending into words.

:class:`Zygote` starts the warm fork server once per grading session; :meth:`Zygote.spawn` gives a
:class:`WorkerProcess`, a fresh confined worker. :class:`RemoteSubmission` is what checks receive:
``sub.fn("mnist_loss")(preds, targets)`` sends the arguments as plain data, runs the student's
function in the worker and returns plain data built here (tensors rebuilt from their bytes);
``sub.probe(name, ...)`` runs a function of the exercise's probe module in the worker (for
gradients and training, which need the student's code and the driving loop in one process).

Every way a worker can end becomes an exception the runner sorts into a result:

- :class:`WorkerTimeout`: a request ran past the check's deadline; the worker's whole process
  group (and PID namespace) is killed, and the message says where the code was when it was stopped;
- :class:`WorkerEnded`: the worker ended during a request (``os._exit``, a signal, a segfault, out
  of memory), said in a sentence;
- a student's exception comes back as the built-in exception it derives from (``RuntimeError``,
  ``NotImplementedError`` ...), with the frames in the student's file in ``err.student_frames``;
  ``sys.exit`` and ``KeyboardInterrupt`` come back as :class:`StudentExit`, an ordinary ``Exception``
  here, so they can never end the grader.

The next check after a worker ended gets a fresh worker with the same code loaded.
"""

from __future__ import annotations

import array
import builtins
import fcntl
import importlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import termios
import threading
import time
from pathlib import Path

from autograder.sandbox import book, codec
from autograder.sandbox.limits import Limits, describe

_SIGNAL_WORDS = {
    signal.SIGSEGV: "crashed with a segmentation fault (SIGSEGV): a bad memory access, often in C "
                    "code called with wrong arguments",
    signal.SIGKILL: "was killed (SIGKILL): usually the memory limit of the machine or the grader",
    signal.SIGABRT: "aborted (SIGABRT): a library stopped the process after an internal error",
    signal.SIGXCPU: "used up its CPU time (SIGXCPU)",
    signal.SIGXFSZ: "wrote a file larger than allowed (SIGXFSZ)",
    signal.SIGFPE: "crashed with an arithmetic fault (SIGFPE)",
    signal.SIGBUS: "crashed with a bus error (SIGBUS)",
    signal.SIGTERM: "was terminated (SIGTERM)",
}


class SandboxError(Exception):
    """The isolated worker could not be started or broke the protocol (not the student's fault
    unless said so)."""


class WorkerTimeout(Exception):
    """A request ran past its deadline; the worker was killed."""

    def __init__(self, seconds: float, where: str) -> None:
        self.seconds, self.where = seconds, where
        super().__init__(f"ran past {seconds:g} s" + (f"; when stopped it was {where}" if where
                                                      else ""))


class WorkerEnded(Exception):
    """The worker process ended while it was running the student's code."""


class WorkerRespawn(Exception):
    """The worker could not run a check's probe (it could start no process: what an earlier
    check's code left running holds the limit); the check is run again in a fresh worker."""


class StudentExit(Exception):
    """The student's code called ``sys.exit`` or raised ``KeyboardInterrupt`` (inside the worker,
    which went on)."""


class MissingFunction(AttributeError):
    """The student's module does not define a name a check asks for."""


def python_executable() -> str:
    return sys.executable


# ----------------------------------------------------------------------------- processes


class Zygote:
    """The warm fork server, started once; forks a confined worker per :meth:`spawn`."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._proc: subprocess.Popen | None = None
        self._control: socket.socket | None = None

    def start(self) -> None:
        """Start the fork server (it imports torch in the background; :meth:`spawn` waits)."""
        if self._proc is not None and self._proc.poll() is None:
            return
        ours, theirs = socket.socketpair()
        env = dict(os.environ)
        root = str(Path(__file__).resolve().parents[2])
        env["PYTHONPATH"] = root + os.pathsep + env.get("PYTHONPATH", "")
        env.setdefault("MPLBACKEND", "Agg")
        self._proc = subprocess.Popen(
            [python_executable(), "-m", "autograder.sandbox.zygote", str(theirs.fileno())],
            pass_fds=[theirs.fileno()], env=env, stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=root,
        )
        theirs.close()
        self._control = ours
        self._ready = False

    def _wait_ready(self) -> None:
        if self._ready:
            return
        self._control.settimeout(120)
        try:
            if self._control.recv(1) != b"R":
                raise EOFError
        except (EOFError, OSError, TimeoutError):
            err = b""
            if self._proc.poll() is not None and self._proc.stderr:
                err = self._proc.stderr.read()[-2000:]
            raise SandboxError("the grader's worker process could not start: "
                               + (err.decode(errors="replace").strip() or "no message")) from None
        self._control.settimeout(None)
        self._ready = True

    def spawn(self, limits: Limits, probes: str | None = None) -> WorkerProcess:
        """A fresh worker with ``limits``, the probe module ``probes`` imported."""
        with self._lock:
            self.start()
            self._wait_ready()
            request = {"op": "spawn", "probes": probes,
                       "limits": {**limits.__dict__, "hide": list(limits.hide)}}
            header, buffers = codec.encode(request)
            codec.send(self._control, header, buffers)
            msg, fds, _, _ = socket.recv_fds(self._control, 4096, 2)
            if len(fds) != 2:
                raise SandboxError("the fork server did not hand over a worker")
            pid = int(json.loads(msg)["pid"])
        return WorkerProcess(socket.socket(fileno=fds[0]), fds[1], pid, limits)

    def close(self) -> None:
        if self._control is not None:
            self._control.close()
            self._control = None
        if self._proc is not None:
            try:
                self._proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait()
            if self._proc.stderr:
                self._proc.stderr.close()
            self._proc = None


class _Output(threading.Thread):
    """Reads the worker's stdout and stderr: keeps the first ``limit`` bytes and the last few."""

    def __init__(self, fd: int, limit: int) -> None:
        super().__init__(daemon=True)
        self.fd, self.limit = fd, limit
        self.head, self.tail, self.total = bytearray(), bytearray(), 0
        self.lock = threading.Lock()

    def run(self) -> None:
        with os.fdopen(self.fd, "rb", buffering=0) as f:
            while chunk := f.read(65536):
                with self.lock:
                    self.total += len(chunk)
                    room = self.limit - len(self.head)
                    if room > 0:
                        self.head += chunk[:room]
                    self.tail = (self.tail + chunk)[-16384:]

    def text(self) -> str:
        with self.lock:
            text = self.head.decode(errors="replace")
            if self.total > len(self.head):
                text += (f"\n[... output truncated: {self.total - len(self.head)} more bytes of "
                         f"{self.total} were not kept]")
            return text

    def since(self, mark: int) -> str:
        """What arrived after ``mark`` (a former ``total``), as far as it was kept."""
        with self.lock:
            if mark >= self.total:
                return ""
            missing = self.total - mark
            if missing <= len(self.tail):
                return self.tail[-missing:].decode(errors="replace")
            if mark < len(self.head):
                return (self.head[mark:].decode(errors="replace")
                        + f"\n[... {missing - (len(self.head) - mark)} bytes not kept ...]\n"
                        + self.tail.decode(errors="replace"))
            return f"[... {missing - len(self.tail)} bytes not kept ...]\n" + self.tail.decode(
                errors="replace")

    def pending(self) -> int:
        """Bytes the worker wrote that the reader has not taken yet."""
        try:
            count = array.array("i", [0])
            fcntl.ioctl(self.fd, termios.FIONREAD, count)
            return count[0]
        except OSError:
            return 0

    def drain(self, wait: float = 0.1) -> None:
        """Give the reader up to ``wait`` s to take what the worker already wrote."""
        deadline = time.monotonic() + wait
        while self.pending() > 0 and time.monotonic() < deadline:
            time.sleep(0.005)
        time.sleep(0.002)  # the last chunk read, not yet appended

    def recent(self) -> str:
        with self.lock:
            return self.tail.decode(errors="replace")


class WorkerProcess:
    """One confined worker: requests with a deadline, and a kill that leaves nothing behind."""

    def __init__(self, sock: socket.socket, out_fd: int, pid: int, limits: Limits) -> None:
        self.sock, self.pid, self.limits = sock, pid, limits
        self.worker_pid: int | None = None
        self.output = _Output(out_fd, limits.output)
        self.output.start()
        self.ended: str | None = None
        self.applied: dict = {}
        first = self._recv(30.0)
        self.worker_pid = first.get("worker_pid") if isinstance(first, dict) else None
        ready = self._recv(60.0)
        if not isinstance(ready, dict) or "ready" not in ready:
            self.kill()
            self.output.join(timeout=1.0)
            why = _ending(ready["ended"]) if isinstance(ready, dict) and "ended" in ready else ready
            raise SandboxError(f"the worker did not start ({why}): {self.output.text()[-2000:]}")
        self.applied = ready["ready"]

    @property
    def protections(self) -> str:
        return describe(self.applied)

    @property
    def alive(self) -> bool:
        return self.ended is None

    def _recv(self, timeout: float | None):
        self.sock.settimeout(timeout)
        header, buffers = codec.recv(self.sock)
        if "raised" in header:
            return {"__raised__": header["raised"]}
        return codec.decode(header, buffers)

    def request(self, request: dict, deadline: float | None):
        """Send ``request``; its answer, or raise for the student's exception or the worker's end.

        ``deadline`` is a ``time.monotonic()`` time (None: the worker's whole budget).
        """
        if self.ended:
            raise WorkerEnded(self.ended)
        start = time.monotonic()
        if deadline is None:
            deadline = start + self.limits.budget
        header, buffers = codec.encode(request)
        try:
            self.sock.settimeout(max(0.001, deadline - start))
            codec.send(self.sock, header, buffers)
            answer = self._recv(max(0.001, deadline - time.monotonic()))
        except TimeoutError:
            where = self._where()
            self.kill("timeout")
            raise WorkerTimeout(round(deadline - start, 1), where) from None
        except (EOFError, OSError, codec.CodecError) as err:
            self.kill("broken")
            raise WorkerEnded(f"the connection to the worker broke ({err})") from None
        if isinstance(answer, dict) and "ended" in answer and len(answer) == 1:
            self.ended = _ending(answer["ended"])
            self.kill(self.ended)
            raise WorkerEnded(self.ended)
        if isinstance(answer, dict) and "__raised__" in answer:
            if answer["__raised__"].get("respawn"):
                why = str(answer["__raised__"]["respawn"])[:400]
                self.kill(why)
                raise WorkerRespawn(why)
            raise rebuild(answer["__raised__"])
        return answer

    def _where(self) -> str:
        """Where the worker's Python code is now (faulthandler's dump on SIGUSR1), in words."""
        if not self.worker_pid:
            return ""
        try:
            before = self.output.total
            os.kill(self.worker_pid, signal.SIGUSR2)  # answered only between bytecodes
            time.sleep(0.3)
            in_python = "[mnist-grade: python is running]" in self.output.since(before)
            os.kill(self.worker_pid, signal.SIGUSR1)  # faulthandler: answered even inside C
        except OSError:
            return ""
        time.sleep(0.3)
        where = self._frame()
        if in_python or not where:
            return where
        return f"inside a library call (a long PyTorch or NumPy computation) made {where}"

    def _frame(self) -> str:
        dump = self.output.recent()
        start = dump.rfind("most recent call first")
        if start < 0:
            return ""
        frames = re.findall(r'File "([^"]+)", line (\d+) in (\S+)', dump[start:])
        for filename, line, func in frames:
            if "site-packages" in filename or "/autograder/" in filename or filename.startswith("<"):
                continue
            return f"at {Path(filename).name}, line {line}, in {func}"
        if frames:
            return "inside a library call (a long PyTorch or NumPy computation)"
        return ""

    def kill(self, why: str = "stopped") -> None:
        """End the worker and everything it started (its process group and PID namespace)."""
        if self.ended is None:
            self.ended = why
        for pid in (self.worker_pid, self.pid):
            if pid:
                try:
                    os.kill(pid, signal.SIGKILL)
                except OSError:
                    pass
        try:
            os.killpg(self.pid, signal.SIGKILL)
        except OSError:
            pass
        try:
            self.sock.close()
        except OSError:
            pass

    def close(self) -> None:
        """Ask the worker to finish (closing its connection), then make sure it is gone and its
        working directory removed."""
        try:
            self.sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self.output.join(timeout=2.0)
        self.kill("closed")
        self.output.join(timeout=1.0)
        workdir = str(self.applied.get("workdir", ""))
        if os.path.basename(workdir).startswith("mnist-grade-worker-"):
            shutil.rmtree(workdir, ignore_errors=True)
        cgroup = str(self.applied.get("cgroup", ""))
        if os.path.basename(cgroup).startswith("mnist-grade-"):
            for _ in range(50):  # empty once the kernel has reaped the worker's processes
                try:
                    os.rmdir(cgroup)
                    break
                except FileNotFoundError:
                    break
                except OSError:
                    time.sleep(0.02)


class InProcess:
    """The debugging path (``MNIST_GRADE_UNISOLATED=1``): a "fork server" whose workers run the
    student's code in the grader's own process. Every request still crosses the codec, so checks
    see the same plain data; but nothing is confined, no deadline is enforced and the student's
    code can change the grade. For maintainers debugging a check, never for grading."""

    def spawn(self, limits: Limits, probes: str | None = None) -> _InProcessWorker:
        import importlib

        return _InProcessWorker(importlib.import_module(probes) if probes else None, limits)

    def close(self) -> None:
        pass


class _InProcessOutput:
    total = 0

    def text(self) -> str:
        return ""

    def since(self, mark: int) -> str:
        return ""

    def drain(self, wait: float = 0.0) -> None:
        pass


class _InProcessWorker:
    applied = {"active": [], "missing": ["every protection (MNIST_GRADE_UNISOLATED=1: the "
                                         "student's code runs in the grader's process)"]}
    alive = True

    def __init__(self, probes, limits: Limits) -> None:
        from autograder.sandbox.worker import Worker

        self.worker, self.limits = Worker(None, probes, guard=False), limits
        self.output = _InProcessOutput()

    @property
    def protections(self) -> str:
        return describe(self.applied)

    def request(self, request: dict, deadline: float | None):
        header, buffers = codec.encode(request)
        decoded = codec.decode(header, buffers, resolve=self.worker.resolve)
        try:
            value = self.worker.handle(decoded)
            if decoded.get("op") == "keep":
                value = self.worker.refer(value)
            header, buffers = codec.encode(value, refer=self.worker.refer)
        except BaseException as err:  # noqa: BLE001 - as the worker answers them
            raise rebuild(self.worker.describe(err)) from None
        return codec.decode(header, buffers)

    def close(self) -> None:
        self.worker.kept.clear()


def _ending(ended: dict) -> str:
    if "signal" in ended:
        sig = int(ended["signal"])
        words = _SIGNAL_WORDS.get(sig)
        if words is None:
            try:
                words = f"was ended by signal {signal.Signals(sig).name}"
            except ValueError:
                words = f"was ended by signal {sig}"
        return f"the process running your code {words}"
    code = ended.get("code")
    return (f"your code ended the process with exit status {code} (os._exit or a crash in C "
            "code), so this check could not finish")


def rebuild(info: dict) -> Exception:
    """The student's exception, rebuilt here as the built-in class it derives from.

    Only built-in exception classes are instantiated (never a class named by the worker);
    ``SystemExit`` and ``KeyboardInterrupt`` become :class:`StudentExit`.
    """
    name = str(info.get("type", "Exception"))[:200]
    base = getattr(builtins, str(info.get("builtin", "Exception")), Exception)
    message = str(info.get("message", ""))
    if not (isinstance(base, type) and issubclass(base, BaseException)):
        base = Exception
    if isinstance(info.get("ended"), dict):  # a probe's own process ended without answering
        err: Exception = StudentExit(_ending(info["ended"]))
    elif base is SystemExit or issubclass(base, SystemExit):
        code = info.get("exit_code")
        err = StudentExit(f"your code called sys.exit({'' if code is None else code!r})"
                                     ": the grader caught it, but this check could not finish")
    elif base is KeyboardInterrupt or not issubclass(base, Exception):
        err = StudentExit(f"your code raised {name}" + (f": {message}" if message else ""))
    else:
        try:
            err = base(message)
        except Exception:  # noqa: BLE001 - e.g. UnicodeDecodeError needs five arguments
            err = Exception(message)
    err.student_type = name
    err.student_frames = [tuple(f) for f in info.get("frames", [])]
    return err


# ----------------------------------------------------------------------------- submissions


class Remote:
    """An object that stays in the worker (a model, an optimizer, an instance of the student's
    class). Call it, read its attributes, iterate over it, or pass it back: never unpack it."""

    def __init__(self, sub: RemoteSubmission, ref: codec.Ref) -> None:
        object.__setattr__(self, "_sub", sub)
        object.__setattr__(self, "_ref", ref)

    @property
    def kind(self) -> str:
        return self._ref.kind

    def __call__(self, *args, **kwargs):
        return self._sub._request({"op": "call", "fn": self._ref, "args": list(args),
                                   "kwargs": kwargs})

    def __getattr__(self, name: str):
        if name.startswith("__"):
            raise AttributeError(name)
        return self._sub._request({"op": "getattr", "obj": self._ref, "name": name})

    def __iter__(self):
        return iter(self._sub._request({"op": "iter", "obj": self._ref}))

    def __repr__(self) -> str:
        return f"<your {self._ref.kind}: {self._ref.text[:80]}>"


class RemoteFunction:
    """A function of the student's module, called in the worker."""

    def __init__(self, sub: RemoteSubmission, name: str) -> None:
        self.sub, self.name = sub, name
        self.__name__ = name

    def __call__(self, *args, **kwargs):
        return self.sub._request({"op": "call", "fn": self.name, "args": list(args),
                                  "kwargs": kwargs})

    def __repr__(self) -> str:
        return f"<your function {self.name}>"


class RemoteSubmission:
    """A student's file for one exercise, loaded in a confined worker. What checks receive.

    Args:
        sources: ``[(text, filename), ...]`` run in order in one module (the student's file, then
            a mutant's or alternative's patch).
        path: the graded file, as shown to the student.
        exercise: the exercise stem.
        zygote: the fork server.
        limits: the worker's limits.
        probes: the exercise's probe module (``autograder.probes.<stem>``) or None.
        allow: ``{"mnist_ref.linear": ["mnist_loss"]}``: what the stub itself imports.
        forbid: ``{"torch.nn.functional.cross_entropy": "why"}``: what the exercise forbids.
    """

    def __init__(self, sources, path: str, exercise: str, zygote: Zygote, limits: Limits,
                 probes: str | None = None, allow: dict | None = None,
                 forbid: dict | None = None) -> None:
        self.sources = [list(s) for s in sources]
        self.path, self.exercise = str(path), exercise
        self.zygote, self.limits, self.probes = zygote, limits, probes
        self.allow, self.forbid = allow or {}, forbid or {}
        self.worker: WorkerProcess | None = None
        self.names: set[str] = set()
        self.deadline: float | None = None
        self.outputs: list[str] = []
        self.generation = 0

    # the grader's side of a check's deadline
    def set_deadline(self, seconds: float | None) -> None:
        self.deadline = None if seconds is None else time.monotonic() + seconds

    def load(self):
        """Start a worker and run the student's code in it (again, after a worker ended)."""
        self.close()
        self.worker = self.zygote.spawn(self.limits, self.probes)
        self.generation += 1
        answer = self.worker.request(
            {"op": "load", "sources": self.sources, "module": _module_name(self.exercise),
             "allow": self.allow, "forbid": self.forbid,
             "given": book.extract(book.allowed_entries(self.allow))},
            self.deadline,
        )
        self.names = set(answer.get("names", [])) if isinstance(answer, dict) else set()
        return answer

    def _ensure(self) -> WorkerProcess:
        if self.worker is None or not self.worker.alive:
            self.load()
        return self.worker

    def _request(self, request: dict):
        worker = self._ensure()
        value = worker.request(_unwrap(request), self.deadline)
        return self._wrap(value)

    def _wrap(self, value):
        if isinstance(value, codec.Ref):
            return Remote(self, value)
        if type(value) is list:
            return [self._wrap(v) for v in value]
        if type(value) is tuple:
            return tuple(self._wrap(v) for v in value)
        if type(value) is dict:
            return {k: self._wrap(v) for k, v in value.items()}
        return value

    def fn(self, name: str) -> RemoteFunction:
        """The function (or class) ``name`` of the student's file, to call in the worker."""
        self._ensure()
        if name not in self.names:
            raise MissingFunction(
                f"{Path(self.path).name} has no `{name}`: the checks of {self.exercise} call it "
                f"by this name. Did you rename or delete it? Restore `{name}` with the signature "
                "given in the exercise."
            )
        return RemoteFunction(self, name)

    def has(self, name: str) -> bool:
        self._ensure()
        return name in self.names

    def probe(self, name: str, *args, **kwargs):
        """Run the probe ``name`` (from the exercise's probe module) in the worker; one that
        declares reference definitions (``uses_book``) runs in a child of the worker that gets
        them as text and ends with the probe (:mod:`autograder.sandbox.book`)."""
        request = {"op": "probe", "name": name, "args": list(args), "kwargs": kwargs}
        declared = _declared_book(self.probes, name)
        if declared:
            request["book"] = book.extract(declared)
        return self._request(request)

    def keep(self, value) -> Remote:
        """Send ``value`` once; the returned :class:`Remote` stands for it in later requests."""
        return self._request({"op": "keep", "value": value})

    @property
    def output(self) -> str:
        return self.worker.output.text() if self.worker else ""

    def output_mark(self) -> tuple[int, int]:
        """A mark to read later what the student's code prints from now on."""
        return (self.generation, self.worker.output.total if self.worker else 0)

    def output_since(self, mark: tuple[int, int]) -> str:
        """What the student's code printed since ``mark`` (in this worker)."""
        if self.worker is None:
            return ""
        generation, total = mark
        self.worker.output.drain()
        return self.worker.output.since(total if generation == self.generation else 0)

    @property
    def protections(self) -> str:
        return self.worker.protections if self.worker else ""

    def close(self) -> None:
        if self.worker is not None:
            self.worker.close()
            self.worker = None


def _unwrap(value):
    """``value`` with every :class:`Remote` replaced by the :class:`~.codec.Ref` it stands for, so
    that a model or kept data can be passed back to the worker as an argument."""
    if isinstance(value, Remote):
        return value._ref
    if type(value) is list:
        return [_unwrap(v) for v in value]
    if type(value) is tuple:
        return tuple(_unwrap(v) for v in value)
    if type(value) is dict:
        return {k: _unwrap(v) for k, v in value.items()}
    return value


def _declared_book(probes: str | None, name: str) -> tuple[str, ...]:
    """What the probe ``name`` of the module ``probes`` declared with ``uses_book``, read from
    the grader's own import of that module (never from the worker)."""
    if not probes or name.startswith("_"):
        return ()
    return tuple(getattr(getattr(importlib.import_module(probes), name, None), "book", ()))


def _module_name(stem: str) -> str:
    return re.sub(r"\W", "_", stem)
