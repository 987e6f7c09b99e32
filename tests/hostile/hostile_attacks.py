"""The attack files of ``attacks/`` and the submissions made from them.

An attack is a file ``attacks/<group>__<name>.py``: a docstring (its first line says what it does),
a few constants read with :func:`ast.literal_eval`, then the attack's code. The submission is the
exercise's full-marks solution (``BASE = "solution"``), its untouched stub (``"stub"``) or nothing
(``"none"``), with the attack file's whole text put at its end (``WHERE = "end"``, the default:
later definitions replace the base's) or at its start. The constants:

- ``EXERCISE``: the exercise the attack is handed in for (``"e03_mnist_loss"``);
- ``MUST_FAIL``: the checks that must not pass (``"all"`` for every one). The honest part of a
  submission is its base minus the functions the attack replaced, so the attack gains nothing when
  these fail. ``MAY_FAIL``: checks whose verdict is left open (an attack that floods the output and
  then answers right may pass or not). Every other check must pass: the attack must not cost an
  honest check its points;
- ``STATUS`` and ``MESSAGE``: ``{check: status}`` and ``{check: regex}`` the result must show
  (``"timeout"``; the sentence that says what happened); ``MESSAGE_LACKS``: ``{check: regex}`` it
  must not show;
- ``ALSO``: exercises graded from their full solutions in the same run, after the attack's (they
  must score full marks: what one exercise does must not reach the next); ``EVERYWHERE = True``
  puts the attack into them too;
- ``BUILD``: a broken file made by :func:`build_broken` instead (``"binary"``, ``"syntax_error"``,
  ``"notebook_not_json"``, ``"empty"``);
- ``ALONE = True``: graded in a pytest run of its own (it touches files every run shares, or would
  end the other attacks' grading if it worked); ``EXCLUSIVE = True``: and with no other run in
  flight (it fills a limit, such as the process count, that concurrent runs would share).

Placeholders in the attack's text are replaced when the submission is written: ``@@TOKEN@@`` (a
12-character mark unique to the attack: processes it starts carry it in their name or command
line, files and messages it forges contain it), ``@@ROOT@@``, ``@@STEM@@``, ``@@TARGET@@`` (the
graded folder), ``@@OTHER@@`` (another student's folder next to it), ``@@REPORT@@`` and
``@@GRADESCOPE@@``, ``@@CANARY@@`` (a file in the repository that must survive), ``@@PORT@@`` and
``@@UDPPORT@@`` (a TCP and a UDP listener on 127.0.0.1 that must never be contacted),
``@@VICTIM@@`` (the prefix of an answer held in the memory of a process that stands for the worker
of another grading: a root process without any capability, started for the run).
"""

from __future__ import annotations

import ast
import importlib
import json
import random
import re
import secrets
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
ATTACKS = HERE / "attacks"


def registry():
    """The grader's registry of exercises (its module moved when the package was restructured)."""
    for name in ("autograder.checks.registry", "autograder.registry"):
        try:
            return importlib.import_module(name)
        except ImportError:
            continue
    raise ImportError("no autograder registry found (autograder.checks.registry)")


@cache
def declared(stem: str) -> dict[str, int]:
    """``{check name: points}`` of exercise ``stem``, in the declared order."""
    return {c.name: c.points for c in registry().exercise(stem).checks}


@dataclass
class Attack:
    name: str  # <group>__<name>
    path: Path
    doc: str
    exercise: str
    base: str = "solution"
    where: str = "end"
    build: str | None = None
    must_fail: list[str] | str = field(default_factory=list)
    may_fail: list[str] | str = field(default_factory=list)
    status: dict[str, str] = field(default_factory=dict)
    message: dict[str, str] = field(default_factory=dict)
    message_lacks: dict[str, str] = field(default_factory=dict)
    also: list[str] = field(default_factory=list)
    everywhere: bool = False
    alone: bool = False
    exclusive: bool = False
    token: str = field(default_factory=lambda: "hx" + secrets.token_hex(5))

    @property
    def group(self) -> str:
        return self.name.partition("__")[0]

    @property
    def summary(self) -> str:
        return self.doc.strip().splitlines()[0] if self.doc.strip() else self.name

    @property
    def stems(self) -> list[str]:
        return [self.exercise, *self.also]

    @property
    def text(self) -> str:
        return self.path.read_text(encoding="utf-8")

    def uses(self, placeholder: str) -> bool:
        return f"@@{placeholder}@@" in self.text

    def expected(self, stem: str) -> tuple[set[str], set[str]]:
        """``(must fail, may fail)``: check names of ``stem`` in this attack's run."""
        if stem != self.exercise:
            return set(), set()
        names = set(declared(stem))

        def names_of(value) -> set[str]:
            return names if value == "all" else set(value)

        return names_of(self.must_fail), names_of(self.may_fail)


KNOWN = {"EXERCISE", "BASE", "WHERE", "BUILD", "MUST_FAIL", "MAY_FAIL", "STATUS", "MESSAGE",
         "MESSAGE_LACKS", "ALSO", "EVERYWHERE", "ALONE", "EXCLUSIVE"}


def read_attack(path: Path) -> Attack:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    consts = {}
    for node in tree.body:
        if (isinstance(node, ast.Assign) and len(node.targets) == 1
                and isinstance(node.targets[0], ast.Name) and node.targets[0].id in KNOWN):
            consts[node.targets[0].id.lower()] = ast.literal_eval(node.value)
    attack = Attack(name=path.stem, path=path, doc=ast.get_docstring(tree) or "", **consts)
    attack.alone = attack.alone or attack.exclusive
    return attack


def attacks() -> list[Attack]:
    """Every attack of ``attacks/``, each with a fresh token."""
    return [read_attack(p) for p in sorted(ATTACKS.glob("*__*.py"))]


def build_broken(kind: str, stem: str) -> tuple[str, bytes]:
    """A broken submission for ``stem``: ``(file name, content)``."""
    solution = (ROOT / "solutions" / f"{stem}.py").read_text(encoding="utf-8")
    if kind == "binary":  # a zip's bytes saved under the exercise's name
        rng = random.Random(stem)
        return f"{stem}.py", b"PK\x03\x04\x00\x00" + bytes(rng.randrange(256) for _ in range(4000))
    if kind == "syntax_error":  # a half-typed line in the middle of a correct file
        lines = solution.splitlines()
        at = next(i for i, line in enumerate(lines) if line.strip() == "### END SOLUTION")
        lines.insert(at, "    return torch.where(targets == 1, 1 - predictions,")
        return f"{stem}.py", ("\n".join(lines) + "\n").encode()
    if kind == "notebook_not_json":  # a notebook cut short while it was saved
        cells = [{"cell_type": "code", "metadata": {}, "source": solution, "outputs": [],
                  "execution_count": None}]
        text = json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5})
        return f"{stem}.ipynb", text[: len(text) // 2].encode()
    if kind == "empty":
        return f"{stem}.py", b""
    raise ValueError(f"unknown BUILD {kind!r}")


def substitute(text: str, values: dict[str, str]) -> str:
    return re.sub(r"@@([A-Z]+)@@", lambda m: values[m.group(1)], text)


def submission(attack: Attack, stem: str, values: dict[str, str]) -> tuple[str, bytes]:
    """The file handed in for ``stem`` in ``attack``'s run: ``(file name, content)``.

    ``values``: what the placeholders stand for in this run (``TOKEN`` and ``STEM`` are added).
    """
    if stem == attack.exercise and attack.build:
        return build_broken(attack.build, stem)
    solution = (ROOT / "solutions" / f"{stem}.py").read_text(encoding="utf-8")
    if stem != attack.exercise and not attack.everywhere:
        return f"{stem}.py", solution.encode()
    kind = attack.base if stem == attack.exercise else "solution"
    base = {"solution": solution, "none": "",
            "stub": (ROOT / "exercises" / f"{stem}.py").read_text(encoding="utf-8")}[kind]
    text = substitute(attack.text, {**values, "TOKEN": attack.token, "STEM": stem})
    if attack.where == "start":
        return f"{stem}.py", f"{text}\n\n{base}".encode()
    return f"{stem}.py", f"{base}\n\n# ---- the attack ({attack.name})\n{text}".encode()
