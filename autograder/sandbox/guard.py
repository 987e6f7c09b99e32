"""The worker's import rules: what the stub allows from the project, and the shortcuts it forbids.

The stub is the contract. A stub may import a few reference functions (exercise 4's stub imports
``mnist_loss`` and ``batch_accuracy`` from ``mnist_ref.linear``, as defaults for its arguments);
exactly those names are importable in the worker, from a module that holds nothing else. Any other
import of ``mnist_ref``, ``autograder``, ``solutions``, ``exercises`` or ``tests`` is refused with
:class:`ForbiddenImport`, naming the rule. A function an exercise forbids (``F.cross_entropy`` in
exercise 6) is replaced by one that raises :class:`ForbiddenShortcut` with the exercise's words.

This is a rule the student can read, enforced where the code runs. The allowed names are objects
rebuilt in the worker from the reference's source text (:mod:`autograder.sandbox.book`): their
``__globals__`` hold them and what they need, nothing else of the reference, which the worker never
imports. What keeps grades true is still the grader checking every result on its own side.
"""

from __future__ import annotations

import importlib.abc
import sys
import types

PROTECTED = ("mnist_ref", "autograder", "solutions", "exercises", "tests")


class ForbiddenImport(ImportError):
    """An import the exercise does not allow."""


class ForbiddenShortcut(RuntimeError):
    """A call to a function the exercise forbids."""


def _top(name: str) -> str:
    return name.partition(".")[0]


class _Refuse(importlib.abc.MetaPathFinder):
    def __init__(self, allowed: set[str]) -> None:
        self.allowed = allowed

    def find_spec(self, fullname, path=None, target=None):
        if _top(fullname) in PROTECTED and fullname not in self.allowed:
            raise ForbiddenImport(
                f"`import {fullname}` is not allowed in an exercise: your code must not use the "
                "reference, the solutions or the grader. Only the names the exercise's stub "
                "imports itself may be imported from them."
            )
        return None


def _view(name: str, values: dict) -> types.ModuleType:
    view = types.ModuleType(name, f"the names of {name} that this exercise allows")
    view.__dict__.update(values)
    view.__path__ = []  # a package for `from a.b import c`
    return view


def install_guard(allow: dict[str, list[str]], forbid: dict[str, str],
                  given: dict[str, object] | None = None) -> None:
    """Restrict imports to ``allow`` (``{"mnist_ref.linear": ["mnist_loss"]}``), served from
    ``given`` (the objects built from the reference's text, :mod:`autograder.sandbox.book`), and
    make each function of ``forbid`` (``{"torch.nn.functional.cross_entropy": "rule"}``) raise."""
    given = given or {}
    views: dict[str, dict] = {}
    for module, names in allow.items():
        views[module] = {n: given[n] for n in names if n in given}
        parts = module.split(".")
        for i in range(1, len(parts)):  # parents: `import mnist_ref.linear` binds `mnist_ref`
            views.setdefault(".".join(parts[:i]), {})
    for name in [m for m in sys.modules if _top(m) in PROTECTED]:
        del sys.modules[name]
    built = {name: _view(name, values) for name, values in views.items()}
    for name, view in built.items():
        parent, _, child = name.rpartition(".")
        if parent in built:
            setattr(built[parent], child, view)
        sys.modules[name] = view
    sys.meta_path.insert(0, _Refuse(set(built)))
    for dotted, rule in forbid.items():
        _forbid(dotted, rule)


def _forbid(dotted: str, rule: str) -> None:
    module_name, _, attr = dotted.rpartition(".")
    owner = sys.modules.get(module_name)
    if owner is None:  # a class attribute: torch.Tensor.softmax
        holder_name, _, cls_name = module_name.rpartition(".")
        owner = getattr(sys.modules.get(holder_name), cls_name, None)
    if owner is None:
        return

    def forbidden(*args, **kwargs):
        raise ForbiddenShortcut(f"{dotted.replace('torch.nn.functional.', 'F.')} is not allowed "
                                f"here: {rule}")

    forbidden.__name__ = attr
    setattr(owner, attr, forbidden)
