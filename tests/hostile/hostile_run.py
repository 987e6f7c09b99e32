"""One run of the real front end on hostile submissions, in a subprocess under outer limits, and
everything it left: exit status, output, report files, processes, network contacts, files.

``timeout 240 prlimit --nproc --as --fsize --core -- python -m pytest exercises/<stem>.py ...
--target DIR --report-json DIR/report.json --gradescope DIR/results.json``, from the repository's
root. The outer limits only keep a failing sandbox from hurting the machine (as root,
``--nproc`` is not enforced: the fork bomb bounds itself). Every process of the run inherits the
environment variable ``HOSTILE_RUN_MARK``; processes an attack starts also carry its token in their
name or command line. After the run, any process with a mark still alive is reported (attributed
to the attack whose token it carries, or to every attack of the run) and killed by its id.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from hostile_attacks import HERE, ROOT, Attack, registry, submission

RUN_MARK = "HOSTILE_RUN_MARK"
HARD_TIMEOUT = 240  # seconds for one run, killed from outside after that
OUTER_LIMITS = ["--nproc=4096", f"--as={10 << 30}", f"--fsize={512 << 20}", "--core=0"]
WORKER_FILE_LIMIT = 64 << 20  # the sandbox's default largest file


class Listener:
    """A TCP and a UDP socket on 127.0.0.1 that record every contact (none is allowed)."""

    def __init__(self) -> None:
        self.contacts: list[bytes] = []
        self.tcp = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.tcp.bind(("127.0.0.1", 0))
        self.tcp.listen(16)
        self.tcp.settimeout(0.2)
        self.udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.udp.bind(("127.0.0.1", 0))
        self.udp.settimeout(0.2)
        self.stopped = threading.Event()
        self.threads = [threading.Thread(target=f, daemon=True) for f in (self._tcp, self._udp)]
        for t in self.threads:
            t.start()

    @property
    def ports(self) -> tuple[int, int]:
        return self.tcp.getsockname()[1], self.udp.getsockname()[1]

    def _tcp(self) -> None:
        while not self.stopped.is_set():
            try:
                conn, _ = self.tcp.accept()
            except OSError:  # the timeout included
                continue
            with conn:
                conn.settimeout(0.5)
                try:
                    self.contacts.append(b"TCP: " + conn.recv(200))
                except OSError:
                    self.contacts.append(b"TCP: (nothing sent)")

    def _udp(self) -> None:
        while not self.stopped.is_set():
            try:
                self.contacts.append(b"UDP: " + self.udp.recvfrom(2048)[0])
            except OSError:
                continue

    def stop(self) -> list[bytes]:
        self.stopped.set()
        for t in self.threads:
            t.join(timeout=2)
        self.tcp.close()
        self.udp.close()
        return self.contacts


def _read(path: str) -> bytes:
    try:
        with open(path, "rb") as f:
            return f.read(1 << 20)
    except OSError:
        return b""


def _dying(pid: int) -> bool:
    """True when SIGKILL is already pending for ``pid`` (it is being torn down)."""
    for line in _read(f"/proc/{pid}/status").decode(errors="replace").splitlines():
        if line.startswith(("SigPnd:", "ShdPnd:")) and int(line.split()[1], 16) & (1 << 8):
            return True
    return False


def marked_processes(marks: list[str]) -> dict[int, tuple[str, str]]:
    """``{pid: (mark, what)}``: live processes whose command line, environment or a thread's name
    holds one of ``marks`` (zombies and processes already being killed are left out)."""
    found: dict[int, tuple[str, str]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit() or int(entry) == os.getpid():
            continue
        pid = int(entry)
        stat = _read(f"/proc/{pid}/stat")
        state = stat.rpartition(b")")[2].split()[:1]
        if not stat or state in ([b"Z"], [b"X"]) or _dying(pid):
            continue
        cmdline, environ = _read(f"/proc/{pid}/cmdline"), _read(f"/proc/{pid}/environ")
        try:
            names = [_read(f"/proc/{pid}/task/{t}/comm").strip()
                     for t in os.listdir(f"/proc/{pid}/task")]
        except OSError:
            names = []
        for mark in marks:  # attack tokens first: they say whose process it is
            m = mark.encode()
            if m in cmdline or m in environ or m[:15] in names:
                what = cmdline.replace(b"\0", b" ").decode(errors="replace")[:160]
                state_text = state[0].decode() if state else "?"
                found[pid] = (mark, f"{what or 'named ' + repr(names[:2])} (state {state_text})")
                break
    return found


def end_leftovers(marks: list[str], grace: float = 10.0) -> dict[int, tuple[str, str]]:
    """The processes still carrying ``marks`` after ``grace`` seconds (a loaded machine takes a
    while to tear down a few dozen killed processes); each is then killed by its id (they were all
    started by this run)."""
    deadline = time.monotonic() + grace
    while (found := marked_processes(marks)) and time.monotonic() < deadline:
        time.sleep(0.25)
    for pid in found:
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass
    return found


VICTIM_MARK = "answer-of-another-student:"


def start_victim() -> subprocess.Popen:
    """Another grading's worker, as far as the attacks can tell: a root process without any
    capability (``no_new_privs``, empty bounding set) holding another student's answer in its
    memory and environment. It sees the files as the host does, as the worker of a grader run
    from another checkout would (that grader hides its own folders, not this one's)."""
    secret = f"{VICTIM_MARK}{secrets.token_hex(8)}"
    code = "import sys, time; answer = sys.stdin.readline(); sys.stdin.close(); time.sleep(900)"
    proc = subprocess.Popen(
        ["setpriv", "--no-new-privs", "--inh-caps=-all", "--bounding-set=-all", "--",
         sys.executable, "-c", code],
        stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True, env={"PATH": os.environ.get("PATH", ""), "OTHER_STUDENT": secret})
    proc.stdin.write((secret + "\n").encode())
    proc.stdin.close()
    return proc


@dataclass
class Outcome:
    """What one run left. ``incidents``: ``(what happened, names of the attacks it is charged to,
    or None for every attack of the run)``."""

    attacks: list[Attack]
    stems: list[str]
    returncode: int | None = None
    seconds: float = 0.0
    stdout: str = ""
    stderr: str = ""
    stdout_size: int = 0
    report_text: str | None = None
    gradescope_text: str | None = None
    incidents: list[tuple[str, frozenset | None]] = field(default_factory=list)

    @staticmethod
    def _json(text):
        try:
            return json.loads(text) if text is not None else None
        except json.JSONDecodeError:
            return None

    @property
    def report(self) -> dict | None:
        return self._json(self.report_text)

    @property
    def gradescope(self) -> dict | None:
        return self._json(self.gradescope_text)

    def charge(self, what: str, token: str | None = None) -> None:
        """Record an incident, charged to the attack whose token it shows (else to all)."""
        names = [a.name for a in self.attacks if token and a.token == token]
        self.incidents.append((what, frozenset(names) if names else None))


def _head_tail(path: Path, keep: int = 40000) -> tuple[str, int]:
    size = path.stat().st_size
    with open(path, "rb") as f:
        if size <= 2 * keep:
            return f.read().decode(errors="replace"), size
        head = f.read(keep)
        f.seek(size - keep)
        tail = f.read()
    return (f"{head.decode(errors='replace')}\n[... {size - 2 * keep} bytes ...]\n"
            f"{tail.decode(errors='replace')}"), size


def run(batch: list[Attack], workdir: Path) -> Outcome:
    """Grade the submissions of ``batch`` in one run of ``pytest exercises``, in a subprocess."""
    wanted = {s for a in batch for s in a.stems}
    stems = [s for s in registry().STEMS if s in wanted]
    mark = "hr" + secrets.token_hex(8)
    target, other = workdir / "student", workdir / "other_student"
    target.mkdir(parents=True)
    other.mkdir()
    canary = HERE / f".canary-{mark}"
    listener = Listener() if any(a.uses("PORT") or a.uses("UDPPORT") for a in batch) else None
    values = {"ROOT": str(ROOT), "TARGET": str(target), "OTHER": str(other),
              "REPORT": str(target / "report.json"), "GRADESCOPE": str(target / "results.json"),
              "CANARY": str(canary), "PORT": "0", "UDPPORT": "0", "VICTIM": VICTIM_MARK}
    if listener:
        values["PORT"], values["UDPPORT"] = map(str, listener.ports)
    theirs = {}
    for stem in stems:  # another student's finished work, next to this one's
        theirs[stem] = (ROOT / "solutions" / f"{stem}.py").read_text(encoding="utf-8")
        (other / f"{stem}.py").write_text(theirs[stem])
    if any(a.uses("CANARY") for a in batch):
        canary.write_text(f"canary {mark}\n")
    for stem in stems:
        owner = next(a for a in batch if stem in a.stems)
        name, content = submission(owner, stem, values)
        (target / name).write_bytes(content)
    command = [
        "timeout", "-k", "5", str(HARD_TIMEOUT), "prlimit", *OUTER_LIMITS, "--",
        sys.executable, "-m", "pytest", *[f"exercises/{s}.py" for s in stems],
        "--target", str(target), "--report-json", values["REPORT"],
        "--gradescope", values["GRADESCOPE"], "-p", "no:cacheprovider",
    ]
    env = {**os.environ, RUN_MARK: mark, "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("PYTEST_CURRENT_TEST", None)
    out = Outcome(attacks=batch, stems=stems)
    victim = start_victim() if any(a.uses("VICTIM") for a in batch) else None
    start = time.monotonic()
    with open(workdir / "stdout.txt", "wb") as so, open(workdir / "stderr.txt", "wb") as se:
        proc = subprocess.Popen(command, cwd=ROOT, env=env, stdin=subprocess.DEVNULL, stdout=so,
                                stderr=se, start_new_session=True)
        try:
            out.returncode = proc.wait(timeout=HARD_TIMEOUT + 20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            out.returncode = proc.wait()
            out.charge(f"the run did not end within {HARD_TIMEOUT + 20} s")
    out.seconds = round(time.monotonic() - start, 1)
    if victim is not None:
        victim.kill()
        victim.wait()
    for pid, (who, what) in sorted(end_leftovers([a.token for a in batch] + [mark]).items()):
        out.charge(f"a process outlived the grader: pid {pid}: {what}", who)
    if listener:
        time.sleep(0.3)
        for contact in listener.stop():
            who = next((a.token for a in batch if a.token.encode() in contact), None)
            out.charge(f"the 127.0.0.1 listener was contacted: {contact[:80]!r}", who)
    out.stdout, out.stdout_size = _head_tail(workdir / "stdout.txt")
    out.stderr, _ = _head_tail(workdir / "stderr.txt")
    for path, attr in ((target / "report.json", "report_text"),
                       (target / "results.json", "gradescope_text")):
        if path.is_symlink() or (path.exists() and not path.is_file()):
            out.charge(f"{path.name} is not a plain file (a symlink or a folder)")
        elif path.is_file():
            setattr(out, attr, path.read_text(errors="replace")[:2_000_000])
    _side_effects(out, canary, other, theirs)
    return out


def _side_effects(out: Outcome, canary: Path, other: Path, theirs: dict[str, str]) -> None:
    """What the attacks changed outside their own worker (each change is undone)."""
    if any(a.uses("CANARY") for a in out.attacks):
        if not canary.exists():
            out.charge(f"the repository file {canary} was deleted")
        elif not canary.read_text(errors="replace").startswith("canary "):
            out.charge(f"the repository file {canary} was changed")
        canary.unlink(missing_ok=True)
    for stem, text in theirs.items():
        path = other / f"{stem}.py"
        if not path.exists() or path.read_text(errors="replace") != text:
            out.charge(f"another student's file {path} was changed or deleted")
    for path in sorted(set(other.iterdir()) - {other / f"{s}.py" for s in theirs}):
        out.charge(f"a file was written into another student's folder: {path.name}")
    tmp = Path(tempfile.gettempdir())
    for a in out.attacks:
        for folder in (ROOT, HERE, tmp):
            for path in folder.glob(f"*{a.token}*"):
                size = path.stat().st_size if path.is_file() else 0
                if folder != tmp or size > WORKER_FILE_LIMIT:
                    out.charge(f"{path} ({size} bytes) was left behind", a.token)
                if path.is_dir():
                    shutil.rmtree(path, ignore_errors=True)
                else:
                    path.unlink(missing_ok=True)
