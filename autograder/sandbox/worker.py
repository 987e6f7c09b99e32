"""The worker's side: run a student's code and answer the grader's requests, one at a time.

This module runs in the isolated worker process (see :mod:`autograder.sandbox.zygote`), where the
student's code is loaded as a real module. Every request is a small dict; every answer is plain
data (:mod:`autograder.sandbox.codec`). The requests:

``load``    ``{"sources": [[text, filename], ...], "module": name, "allow": {...}, "forbid": {...}}``
            runs the sources, in order, in one new module registered in ``sys.modules`` (a
            mutant's or an alternative's second file replaces the first one's definitions);
``call``    ``{"fn": name or Ref, "args": [...], "kwargs": {...}}``: call a name of the student's
            module, or an object the worker kept (a model, a bound method);
``getattr`` ``{"obj": Ref, "name": str}``; ``iter`` ``{"obj": Ref}`` (the items as a list);
``probe``   ``{"name": str, "args": [...], "kwargs": {...}}``: run a function of the exercise's
            probe module (grader-written code that drives the student's code where a check needs
            more than calls, e.g. a gradient or a training loop) with the student's module first;
``keep``    ``{"value": ...}``: keep a value (data sent once, used by many requests) as a Ref;
``free``    ``{"ids": [...]}``.

An answer is ``{"v": value}``, or ``{"raised": {...}}`` when the student's code raised (its type,
the built-in exception it derives from, its message and the frames in the student's file). A
student's ``sys.exit`` or ``KeyboardInterrupt`` is such an answer: the worker goes on.

Nothing in here decides a grade: the grader does, on its side, from the data it receives.
"""

from __future__ import annotations

import builtins
import errno
import faulthandler
import linecache
import os
import signal
import socket
import sys
import time
import traceback
import types

from autograder.sandbox import codec
from autograder.sandbox.book import build
from autograder.sandbox.guard import install_guard

_MAX_TEXT = 4000


class Worker:
    """The state of one worker: the student's module, the probe module and the kept objects."""

    def __init__(self, sock: socket.socket | None, probes: types.ModuleType | None,
                 guard: bool = True) -> None:
        self.sock, self.probes, self.guard = sock, probes, guard
        self.module: types.ModuleType | None = None
        self.kept: dict[int, object] = {}
        self.next_id = 1
        self.filenames: set[str] = set()

    # ------------------------------------------------------------------ data
    def refer(self, obj) -> codec.Ref:
        for key, value in self.kept.items():
            if value is obj:
                return codec.Ref(key, _kind(obj), _short(obj))
        key, self.next_id = self.next_id, self.next_id + 1
        self.kept[key] = obj
        return codec.Ref(key, _kind(obj), _short(obj))

    def resolve(self, ref: codec.Ref):
        try:
            return self.kept[ref.id]
        except KeyError:
            raise LookupError(f"the grader asked for object {ref.id}, which is gone") from None

    def answer(self, value) -> None:
        header, buffers = codec.encode(value, refer=self.refer)
        codec.send(self.sock, header, buffers)

    def raised(self, err: BaseException) -> None:
        codec.send(self.sock, {"raised": self.describe(err)}, [])

    def describe(self, err: BaseException) -> dict:
        """An exception as plain data: what the grader needs to name it and place it."""
        builtin = next(
            (c.__name__ for c in type(err).__mro__ if getattr(builtins, c.__name__, None) is c),
            "BaseException",
        )
        try:
            message = str(err)[:_MAX_TEXT]
        except BaseException:  # noqa: BLE001 - a hostile __str__
            message = "(its message could not be read)"
        frames = []
        for f in traceback.extract_tb(err.__traceback__)[-40:]:
            frames.append([f.filename, f.lineno or 0, f.name, (f.line or "")[:300]])
        exit_code = getattr(err, "code", None) if isinstance(err, SystemExit) else None
        if exit_code is not None and not isinstance(exit_code, (int, str)):
            exit_code = str(exit_code)[:200]
        return {"type": type(err).__name__[:200], "builtin": builtin, "message": message,
                "frames": frames, "exit_code": exit_code}

    # ------------------------------------------------------------------ requests
    def load(self, sources, module, allow, forbid, given: str | None = None) -> dict:
        mod = types.ModuleType(module)
        mod.__file__ = sources[0][1] if sources else f"<{module}>"
        sys.modules[module] = mod
        self.module = mod
        if self.guard:  # off only in the grader's own process (the debugging path)
            names = {n for names in (allow or {}).values() for n in names}
            built = build(given, names) if given else {}
            install_guard(allow or {}, forbid or {}, built)
        for text, filename in sources:
            self.filenames.add(filename)
            lines = text.splitlines(keepends=True)
            linecache.cache[filename] = (len(text), None, lines, filename)
            code = compile(text, filename, "exec", dont_inherit=True)
            exec(code, mod.__dict__)  # noqa: S102 - running the student's code is the point
        return {"names": sorted(k for k in mod.__dict__ if not k.startswith("__"))}

    def target(self, fn):
        if not isinstance(fn, str):  # an object the worker kept (decoded from its Ref)
            return fn
        if self.module is None:
            raise LookupError("nothing is loaded")
        try:
            return self.module.__dict__[fn]
        except KeyError:
            raise NameError(f"the student's file defines no {fn!r}") from None

    def handle(self, request: dict):
        op = request.get("op")
        if op == "load":
            return self.load(request["sources"], request["module"], request.get("allow"),
                             request.get("forbid"), request.get("given"))
        if op == "call":
            return self.target(request["fn"])(*request.get("args", ()),
                                              **request.get("kwargs", {}))
        if op == "getattr":
            return getattr(request["obj"], request["name"])
        if op == "iter":
            return list(request["obj"])
        if op == "probe":
            if self.probes is None or request["name"].startswith("_"):
                raise LookupError(f"no probe called {request['name']!r}")
            probe = getattr(self.probes, request["name"])
            if request.get("book") and self.sock is not None:
                return self.in_child(lambda: run_probe(probe, self.module, request))
            return run_probe(probe, self.module, request)
        if op == "keep":
            return request["value"]  # answered as a Ref: see serve()
        if op == "free":
            for key in request["ids"]:
                self.kept.pop(key, None)
            return None
        raise LookupError(f"unknown request {op!r}")

    def serve(self) -> None:
        """Answer requests until the grader closes the connection."""
        while True:
            try:
                header, buffers = codec.recv(self.sock)
            except EOFError:
                return
            request = codec.decode(header, buffers, resolve=self.resolve)
            try:
                value = self.handle(request)
                if request.get("op") == "keep":
                    value = self.refer(value)
            except BaseException as err:  # noqa: BLE001 - sys.exit, Ctrl-C: all are answers
                self.raised(err)
                continue
            if value is not _ANSWERED:
                self.reply(value)

    def reply(self, value, refer=None) -> None:
        try:
            header, buffers = codec.encode(value, refer=refer or self.refer)
        except codec.CodecError as err:
            self.raised(TypeError(f"the value returned cannot be graded: {err}"))
        except BaseException as err:  # noqa: BLE001 - e.g. a lying tensor subclass
            self.raised(err)
        else:
            codec.send(self.sock, header, buffers)

    def in_child(self, run) -> object:
        """``run()`` in a child process that answers the grader itself and ends; the worker
        waits for it. What the child held (the reference definitions a probe declared, whatever
        the student's code did meanwhile) ends with it. A child that ends without answering
        (``os._exit``, a signal) is answered here, with how it ended."""
        told_r, told_w = os.pipe()
        restore = _forward_signals_to_child()
        try:
            pid = _fork()
        except OSError as err:
            restore(in_child=False)
            os.close(told_r)
            os.close(told_w)
            codec.send(self.sock, {"raised": {
                "type": type(err).__name__, "builtin": "OSError", "frames": [],
                "message": str(err)[:300],
                "respawn": f"the worker could not start a process for this check ({err})"}}, [])
            return _ANSWERED
        if pid == 0:
            os.close(told_r)
            restore(in_child=True)
            try:
                try:
                    value = run()
                except BaseException as err:  # noqa: BLE001 - as serve() answers them
                    self.raised(err)
                else:
                    self.reply(value, refer=_refuse_refs)
                os.write(told_w, b"1")
            finally:
                for stream in (sys.stdout, sys.stderr):
                    try:
                        stream.flush()
                    except BaseException:  # noqa: BLE001
                        pass
                os._exit(0)
        os.close(told_w)
        _CHILD["pid"] = pid
        try:
            while True:
                try:
                    _, status = os.waitpid(pid, 0)
                    break
                except InterruptedError:
                    continue
        finally:
            _CHILD["pid"] = 0
            restore(in_child=False)
        os.set_blocking(told_r, False)  # a process the child started may still hold the pipe
        try:
            told = os.read(told_r, 1)
        except BlockingIOError:
            told = b""
        os.close(told_r)
        if told:
            return _ANSWERED
        ended = ({"signal": os.WTERMSIG(status)} if os.WIFSIGNALED(status)
                 else {"code": os.WEXITSTATUS(status)})
        codec.send(self.sock, {"raised": {"type": "ProcessEnded", "builtin": "SystemExit",
                                          "message": "", "frames": [], "ended": ended}}, [])
        return _ANSWERED


#: What :meth:`Worker.handle` returns when the answer was already sent (by a child).
_ANSWERED = object()
_CHILD = {"pid": 0}


def _fork() -> int:
    """``os.fork()``, again after ending what the student's code left running when the process
    limit is reached (a fork bomb of an earlier check): as PID 1 of the worker's own PID
    namespace, ``kill(-1)`` reaches only the processes in it. Threads cannot be ended that way:
    if it still fails, the caller asks the grader for a fresh worker."""
    for attempt in range(3):
        try:
            return os.fork()
        except OSError as err:
            if err.errno not in (errno.EAGAIN, errno.ENOMEM) or attempt == 2:
                raise
            if os.getpid() == 1:
                try:
                    os.kill(-1, signal.SIGKILL)
                except OSError:
                    pass
            time.sleep(0.05 * (attempt + 1))
            try:
                while os.waitpid(-1, os.WNOHANG)[0]:
                    pass
            except ChildProcessError:
                pass
    raise AssertionError("unreachable")


def _refuse_refs(obj):
    raise codec.CodecError(f"a {type(obj).__name__} cannot be kept from a probe's own process")


def _forward_signals_to_child():
    """While a child runs, the grader's SIGUSR1 (where is the code?) and SIGUSR2 (is Python
    running?) are meant for it: pass them on. Returns how to put the handlers back."""
    previous = {sig: signal.getsignal(sig) for sig in (signal.SIGUSR1, signal.SIGUSR2)}
    dumping = faulthandler.unregister(signal.SIGUSR1)

    def forward(signum, frame):
        if _CHILD["pid"]:
            try:
                os.kill(_CHILD["pid"], signum)
            except OSError:
                pass

    for sig in previous:
        signal.signal(sig, forward)

    def restore(in_child: bool) -> None:
        for sig, handler in previous.items():
            signal.signal(sig, handler if handler is not None else signal.SIG_DFL)
        if dumping:
            faulthandler.register(signal.SIGUSR1, file=sys.stderr, all_threads=True, chain=False)

    return restore


def run_probe(probe, module: types.ModuleType, request: dict):
    """Call ``probe(module, *args, **kwargs)``, with ``book=`` the reference definitions it
    declared (``probe.book``, see :func:`autograder.probes.common.uses_book`), built from the
    source text the grader sent (``request["book"]``, :mod:`autograder.sandbox.book`)."""
    kwargs = dict(request.get("kwargs", {}))
    declared = getattr(probe, "book", ())
    if declared:
        from types import SimpleNamespace

        names = [entry.partition(":")[2] for entry in declared if not entry.startswith("!")]
        kwargs["book"] = SimpleNamespace(**build(request.get("book") or "", names))
    return probe(module, *request.get("args", ()), **kwargs)


def _kind(obj) -> str:
    try:
        return type(obj).__name__[:100]
    except BaseException:  # noqa: BLE001
        return "object"


def _short(obj) -> str:
    try:
        text = object.__repr__(obj) if isinstance(obj, type) else repr(obj)
    except BaseException:  # noqa: BLE001 - a hostile __repr__
        text = f"<{_kind(obj)}>"
    return text[:300]
