"""The limits and protections a student's worker runs under, enforced from outside its code.

:class:`Limits` is the configuration (a typed dataclass; each field can be set from an environment
variable, see :meth:`Limits.from_env`). :func:`confine` applies it inside the freshly forked worker
*before* any student code runs, in this order:

1. new namespaces (Linux): a network namespace (no network at all: not even loopback is up), a
   mount namespace (the grader's code, the solutions, the course and other students' folders are
   covered by empty read-only folders; every other mount becomes read-only; a private writable
   working directory, which is also ``$TMPDIR`` and ``$HOME``) and a PID namespace (when the
   worker ends, the kernel ends every process it started). As root this needs nothing more; as
   another user it uses a user namespace where the system allows one;
2. a non-root uid (``nobody``) when the grader runs as root (root ignores ``RLIMIT_NPROC``);
3. resource limits: CPU seconds, address space, processes, file size, open files, no core dumps.

What could not be applied is said, never hidden: :func:`describe` gives the one line the grader
prints ("isolation: network off, files hidden, ... ; not active: ...").
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import resource
from dataclasses import dataclass, field, fields

CLONE_NEWNS, CLONE_NEWUSER, CLONE_NEWPID, CLONE_NEWNET = 0x20000, 0x10000000, 0x20000000, 0x40000000
MS_RDONLY, MS_NOSUID, MS_NODEV, MS_REMOUNT, MS_BIND, MS_REC, MS_PRIVATE = (
    1, 2, 4, 32, 4096, 0x4000, 1 << 18)
GB = 1 << 30
#: Never readable by a worker, whoever it runs as.
SECRET_FILES = ("/etc/shadow", "/etc/gshadow", "/etc/sudoers")
SECRET_FOLDERS = tuple(os.path.expanduser(f"~root/{d}") for d in (".ssh", ".aws", ".config",
                                                                   ".gnupg", ".docker", ".kube"))


@dataclass(frozen=True)
class Limits:
    """How far a student's worker may go. Times in seconds, sizes in bytes.

    Environment variables (``MNIST_GRADE_<FIELD>``, e.g. ``MNIST_GRADE_MEMORY=6e9``) override the
    defaults; :meth:`from_env` reads them.
    """

    memory: int = 6 * GB  # address space; importing torch alone maps about 3.2 GB
    cpu: int = 600  # CPU seconds for the whole worker (every check of one exercise)
    budget: float = 600.0  # wall seconds for one exercise in all, on top of each check's deadline
    processes: int = 64  # processes and threads the worker's user may have
    file_size: int = 64 << 20  # the largest file the worker may write
    open_files: int = 256
    output: int = 64 << 10  # captured stdout+stderr kept per exercise; the rest is counted
    namespaces: bool = True  # network off, files hidden, processes contained (Linux)
    drop_to: str = "nobody"  # the uid used when the grader runs as root
    hide: tuple[str, ...] = field(default_factory=tuple)  # folders the worker must not see

    @classmethod
    def from_env(cls, **overrides) -> Limits:
        """The defaults, then ``MNIST_GRADE_*`` variables, then ``overrides``."""
        values = {}
        for f in fields(cls):
            raw = os.environ.get(f"MNIST_GRADE_{f.name.upper()}")
            if raw is None or f.name == "hide":
                continue
            try:
                if f.type in ("bool", bool):
                    values[f.name] = raw.strip().lower() not in ("0", "false", "no", "off", "")
                elif f.type in ("int", int):
                    values[f.name] = int(float(raw))
                elif f.type in ("float", float):
                    values[f.name] = float(raw)
                else:
                    values[f.name] = raw
            except ValueError:
                raise ValueError(
                    f"MNIST_GRADE_{f.name.upper()}={raw!r} is not a number: unset it or give one "
                    f"(the default is {getattr(cls(), f.name)!r})"
                ) from None
        values.update(overrides)
        return cls(**values)


@dataclass
class Applied:
    """What :func:`confine` could apply in this worker (reported back to the grader)."""

    active: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)


def describe(applied: Applied | dict) -> str:
    """One line for the grader's output: what protects the grader here, and what does not."""
    if isinstance(applied, dict):
        applied = Applied(applied.get("active", []), applied.get("missing", []))
    line = "isolation: " + ", ".join(applied.active)
    if applied.missing:
        line += "; not active here: " + ", ".join(applied.missing)
    return line


def _libc():
    return ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)


def _mount(libc, source, target, fstype, flags, data=None) -> None:
    def enc(s):
        return (s.encode() if isinstance(s, str) else s)
    if libc.mount(enc(source), enc(target), enc(fstype), flags, enc(data)) != 0:
        err = ctypes.get_errno()
        raise OSError(err, f"mount {target}: {os.strerror(err)}")


def unshare(limits: Limits, applied: Applied) -> bool:
    """In the intermediate process: new network, mount and PID namespaces (Linux only).

    Returns True when they exist (the next fork is PID 1 of the new PID namespace).
    """
    if not limits.namespaces:
        applied.missing.append("namespaces (turned off by MNIST_GRADE_NAMESPACES)")
        return False
    if not hasattr(os, "fork") or not os.path.exists("/proc/self/ns/net"):
        applied.missing.append("network and file isolation (needs Linux namespaces)")
        return False
    libc = _libc()
    flags = CLONE_NEWNET | CLONE_NEWNS | CLONE_NEWPID
    uid, gid = os.getuid(), os.getgid()
    if uid != 0:
        flags |= CLONE_NEWUSER
    if libc.unshare(flags) != 0:
        err = ctypes.get_errno()
        applied.missing.append(
            "network and file isolation (this system refuses namespaces to this user: "
            f"{os.strerror(err)}; grade as root, or allow unprivileged user namespaces)")
        return False
    if uid != 0:  # map ourselves to root inside, so mounts are allowed
        try:
            with open("/proc/self/setgroups", "w") as f:
                f.write("deny")
            with open("/proc/self/uid_map", "w") as f:
                f.write(f"0 {uid} 1")
            with open("/proc/self/gid_map", "w") as f:
                f.write(f"0 {gid} 1")
        except OSError as err:
            applied.missing.append(f"file isolation (user namespace map refused: {err})")
    return True


def hide_and_freeze(limits: Limits, workdir: str, applied: Applied) -> None:
    """In the worker (inside the namespaces): cover the hidden folders, make every mount
    read-only, and give the worker a private writable working directory (a small tmpfs)."""
    libc = _libc()
    try:
        _mount(libc, None, "/", None, MS_REC | MS_PRIVATE)  # nothing we do leaks to the host
        try:  # a /proc of our own PID namespace: no other process's memory, root or environment
            _mount(libc, "proc", "/proc", "proc", MS_NOSUID | MS_NODEV | 8)  # 8: MS_NOEXEC
            applied.active.append("own /proc")
        except OSError as err:
            applied.missing.append(f"a private /proc ({err})")
        mounts = []
        with open("/proc/self/mounts") as f:
            for line in f:
                target = line.split()[1].replace("\\040", " ")
                mounts.append(target)
        for target in sorted(set(mounts), key=len):
            try:
                _mount(libc, target, target, None, MS_BIND | MS_REC)
                _mount(libc, None, target, None, MS_BIND | MS_REMOUNT | MS_RDONLY | MS_NOSUID)
            except OSError:
                pass  # special file systems (proc, sys) may refuse; they are not ours to write
        hidden = []
        for secret in SECRET_FILES:  # the worker may run as root without capabilities
            if os.path.isfile(secret):
                try:
                    _mount(libc, "/dev/null", secret, None, MS_BIND)
                except OSError:
                    pass
        for folder in limits.hide + SECRET_FOLDERS:
            if os.path.isdir(folder):
                _mount(libc, "none", folder, "tmpfs", MS_RDONLY | MS_NOSUID | MS_NODEV,
                       "size=4k,mode=0555")
                hidden.append(folder)
        _mount(libc, "none", workdir, "tmpfs", MS_NOSUID | MS_NODEV,
               f"size={max(limits.file_size * 2, 1 << 20)},mode=1777")
        applied.active.append("files read-only")
        applied.active.append(f"grader, solutions and other folders hidden ({len(hidden)})")
    except OSError as err:
        applied.missing.append(f"file isolation ({err})")


def interpreter_readable_by_others() -> bool:
    """True when another user could import modules of this Python (every folder above its
    standard library and site-packages lets others in). Not so for a Python installed under
    ``/root``: a worker that dropped to ``nobody`` could not import what it had not yet."""
    import site
    import sysconfig

    folders = {sysconfig.get_paths()["stdlib"], sysconfig.get_paths()["purelib"],
               *site.getsitepackages()}
    for folder in folders:
        path = os.path.abspath(folder)
        while True:
            try:
                if not os.stat(path).st_mode & 0o001:
                    return False
            except OSError:
                break
            parent = os.path.dirname(path)
            if parent == path:
                break
            path = parent
    return True


def pids_cgroup(limits: Limits, applied: Applied) -> str:
    """As root, put this process in a new ``pids`` cgroup of ``limits.processes`` tasks (root
    ignores ``RLIMIT_NPROC``). Returns the cgroup's folder (the grader removes it), or ""."""
    import uuid

    for base in ("/sys/fs/cgroup/pids", "/sys/fs/cgroup"):
        if not os.path.exists(os.path.join(base, "cgroup.procs")):
            continue
        if base == "/sys/fs/cgroup" and not os.path.exists(os.path.join(base, "cgroup.controllers")):
            continue
        folder = os.path.join(base, f"mnist-grade-{uuid.uuid4().hex[:12]}")
        try:
            os.mkdir(folder)
            with open(os.path.join(folder, "pids.max"), "w") as f:
                f.write(str(limits.processes))
            with open(os.path.join(folder, "cgroup.procs"), "w") as f:
                f.write(str(os.getpid()))
        except OSError:
            try:
                os.rmdir(folder)
            except OSError:
                pass
            continue
        applied.active.append(f"{limits.processes} processes (cgroup)")
        return folder
    applied.missing.append("a process limit (root ignores RLIMIT_NPROC and no pids cgroup could "
                           "be made; the PID namespace still ends them all with the worker)")
    return ""


def drop_capabilities(applied: Applied) -> None:
    """Stay uid 0 but without any capability and unable to gain one: no mounts, no raw
    network, no overriding file permissions, no signals outside the PID namespace."""
    libc = _libc()
    libc.prctl(38, 1, 0, 0, 0)  # PR_SET_NO_NEW_PRIVS
    for cap in range(64):
        libc.prctl(24, cap, 0, 0, 0)  # PR_CAPBSET_DROP (errors past the last capability)

    class Header(ctypes.Structure):
        _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]

    class Data(ctypes.Structure):
        _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32),
                    ("inheritable", ctypes.c_uint32)]

    header, data = Header(0x20080522, 0), (Data * 2)()
    if libc.capset(ctypes.byref(header), data) != 0:
        applied.missing.append(f"dropping root's capabilities ({os.strerror(ctypes.get_errno())})")
        return
    applied.active.append("runs as root without any capability (this Python is in a folder "
                          "other users cannot read, so the worker cannot switch to nobody)")


def drop_privileges(limits: Limits, applied: Applied) -> None:
    """As root, become ``limits.drop_to`` (``nobody``): root ignores process limits. Where this
    Python cannot be read by other users, stay root without capabilities instead."""
    if os.getuid() != 0:
        applied.active.append("runs as you (not root)")
        return
    if not interpreter_readable_by_others():
        drop_capabilities(applied)
        return
    import pwd

    try:
        user = pwd.getpwnam(limits.drop_to)
    except KeyError:
        applied.missing.append(f"non-root user (no user {limits.drop_to!r} on this system)")
        drop_capabilities(applied)
        return
    os.setgroups([])
    os.setgid(user.pw_gid)
    os.setuid(user.pw_uid)
    applied.active.append(f"runs as {limits.drop_to}")


def set_rlimits(limits: Limits, applied: Applied) -> None:
    """CPU time, address space, processes, file size, open files; no core dumps."""
    wanted = [
        ("cpu", resource.RLIMIT_CPU, limits.cpu, f"cpu {limits.cpu} s"),
        ("memory", resource.RLIMIT_AS, limits.memory, f"memory {limits.memory / GB:g} GB"),
        ("processes", resource.RLIMIT_NPROC, limits.processes,
         f"{limits.processes} processes" if os.getuid() != 0 else None),  # root ignores it
        ("file size", resource.RLIMIT_FSIZE, limits.file_size,
         f"files {limits.file_size >> 20} MB"),
        ("open files", resource.RLIMIT_NOFILE, limits.open_files, None),
        ("core", resource.RLIMIT_CORE, 0, None),
    ]
    for name, which, value, label in wanted:
        try:
            resource.setrlimit(which, (value, value))
            if label:
                applied.active.append(label)
        except (ValueError, OSError) as err:
            applied.missing.append(f"{name} limit ({err})")
