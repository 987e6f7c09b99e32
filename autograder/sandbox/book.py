"""The reference definitions a worker may hold, as source text cut out of ``mnist_ref``.

A worker never imports ``mnist_ref``: whatever sits in the student's process, the student's code
can reach (``gc.get_objects()``, a function's ``__globals__``), and a whole reference module holds
the answers to other functions of the same exercise. Instead the grader sends, as text, exactly
the definitions that are needed, with what they need and nothing else:

- the names a stub itself imports (``from mnist_ref.linear import mnist_loss`` in exercise 4's
  stub): built in the worker when the student's file loads, into a namespace that holds only them;
- the names a probe declares with :func:`autograder.probes.common.uses_book`: built in a child of
  the worker that runs that one probe and ends, so no other check's process ever holds them.

:func:`extract` reads the reference's source on the grader's side (the worker cannot: those files
are hidden from it) and follows each definition's free names through its module and the
``mnist_ref`` modules it imports from, top level or inside a function. Imports of other packages
(torch, PIL) are kept as they are. ``extract(["mnist_ref.linear:mnist_loss"])`` is::

    from __future__ import annotations
    import torch
    def mnist_loss(predictions, targets): ...
"""

from __future__ import annotations

import ast
import functools
import importlib.util
import sys
import types
from collections.abc import Iterable
from pathlib import Path

PACKAGE = "mnist_ref"


class BookError(Exception):
    """A declared reference definition cannot be cut out on its own (a bug of the grader)."""


def _source_of(module: str) -> tuple[Path, ast.Module]:
    spec = importlib.util.find_spec(module)
    if spec is None or spec.origin is None or not spec.origin.endswith(".py"):
        raise BookError(f"no source file for {module}")
    path = Path(spec.origin)
    return path, ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _absolute(module: str, node: ast.ImportFrom, is_package: bool) -> str:
    if not node.level:
        return node.module or ""
    parts = module.split(".")
    base = parts if is_package else parts[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join([*base, *([node.module] if node.module else [])])


def _bound(stmt: ast.stmt) -> set[str]:
    """The names a top-level statement binds."""
    if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return {stmt.name}
    if isinstance(stmt, (ast.Import, ast.ImportFrom)):
        return {(a.asname or a.name).partition(".")[0] for a in stmt.names}
    if isinstance(stmt, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
        targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
        return {n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name)}
    if isinstance(stmt, (ast.If, ast.Try, ast.With)):
        inner = [*stmt.body, *getattr(stmt, "orelse", []), *getattr(stmt, "finalbody", [])]
        for handler in getattr(stmt, "handlers", []):
            inner += handler.body
        return set().union(*(_bound(s) for s in inner)) if inner else set()
    return set()


def _used(node: ast.AST) -> set[str]:
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}


class _Module:
    """One ``mnist_ref`` module's top-level statements, by the names they bind."""

    def __init__(self, name: str) -> None:
        self.name = name
        path, tree = _source_of(name)
        self.is_package = path.name == "__init__.py"
        self.statements = [s for s in tree.body if not _is_docstring(s)]
        self.future = any(isinstance(s, ast.ImportFrom) and s.module == "__future__"
                          for s in self.statements)
        self.binds: dict[str, ast.stmt] = {}
        for stmt in self.statements:
            if isinstance(stmt, ast.ImportFrom) and stmt.module == "__future__":
                continue
            for name in _bound(stmt):
                self.binds.setdefault(name, stmt)

    def reference_import(self, node: ast.ImportFrom) -> str | None:
        """The absolute ``mnist_ref`` module of a ``from ... import``, or None for another package."""
        absolute = _absolute(self.name, node, self.is_package)
        return absolute if absolute.partition(".")[0] == PACKAGE else None


def _is_docstring(stmt: ast.stmt) -> bool:
    return isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant) and isinstance(
        stmt.value.value, str)


class _Cutter:
    def __init__(self, without: frozenset[str] = frozenset()) -> None:
        self.without = without  # names never defined: a default that names one becomes None
        self.modules: dict[str, _Module] = {}
        self.out: list[str] = []  # statements, dependencies first
        self.done: set[tuple[str, str]] = set()
        self.defined: dict[str, tuple[str, str]] = {}  # name in the namespace -> its origin
        self.imports: list[str] = []

    def module(self, name: str) -> _Module:
        if name not in self.modules:
            self.modules[name] = _Module(name)
        return self.modules[name]

    def need(self, module: str, name: str, as_name: str | None = None) -> None:
        as_name = as_name or name
        if as_name in self.without or name in self.without:
            return
        mod = self.module(module)
        stmt = mod.binds.get(name)
        if stmt is None:
            if mod.is_package and importlib.util.find_spec(f"{module}.{name}") is not None:
                raise BookError(f"{module}.{name} is a module: declare the definitions in it")
            raise BookError(f"{module} defines no {name}")
        if isinstance(stmt, ast.ImportFrom) and mod.reference_import(stmt):
            alias = next(a for a in stmt.names if (a.asname or a.name) == name)
            self.need(mod.reference_import(stmt), alias.name, as_name)
            return
        if isinstance(stmt, ast.Import) and any(
                a.name.partition(".")[0] == PACKAGE for a in stmt.names):
            raise BookError(f"{module}.{name}: a whole reference module cannot be sent")
        if as_name != name:
            self.need(module, name)
            self._define(as_name, (module, name), f"{as_name} = {name}")
            return
        if (module, name) in self.done:
            return
        self.done.add((module, name))
        if isinstance(stmt, (ast.Import, ast.ImportFrom)):
            kept = [a for a in stmt.names if (a.asname or a.name).partition(".")[0] == name]
            clone = type(stmt)(**{**stmt.__dict__, "names": kept})
            line = ast.unparse(clone)
            if line not in self.imports:
                self.imports.append(line)
            return
        body = _Localised(self, mod).visit(ast.parse(ast.unparse(stmt)).body[0])
        for used in sorted(_used(body) - {name}):
            if used in mod.binds:
                self.need(module, used)
        self._define(name, (module, name), ast.unparse(body))

    def _define(self, name: str, origin: tuple[str, str], text: str) -> None:
        if self.defined.get(name, origin) != origin:
            raise BookError(f"{name} would be defined twice: by {self.defined[name]} and {origin}")
        self.defined[name] = origin
        self.out.append(text)

    def text(self) -> str:
        head = ["from __future__ import annotations"] if any(
            m.future for m in self.modules.values()) else []
        return "\n".join([*head, *self.imports, "", *self.out, ""])


class _Localised(ast.NodeTransformer):
    """Replaces ``from mnist_ref... import x`` inside a function by the definition of ``x`` at
    the top of the cut-out text (the worker can import no ``mnist_ref`` module)."""

    def __init__(self, cutter: _Cutter, mod: _Module) -> None:
        self.cutter, self.mod = cutter, mod

    def visit_Name(self, node: ast.Name):
        if isinstance(node.ctx, ast.Load) and node.id in self.cutter.without:
            return ast.copy_location(ast.Constant(None), node)
        return node

    def visit_ImportFrom(self, node: ast.ImportFrom):
        source = self.mod.reference_import(node)
        if source is None:
            return node
        for alias in node.names:
            self.cutter.need(source, alias.name, alias.asname)
        return ast.Pass()

    def visit_Import(self, node: ast.Import):
        if any(a.name.partition(".")[0] == PACKAGE for a in node.names):
            raise BookError(f"{self.mod.name}: `import mnist_ref...` inside a definition")
        return node


@functools.lru_cache(maxsize=64)
def _extract(entries: tuple[str, ...]) -> str:
    cutter = _Cutter(frozenset(e[1:] for e in entries if e.startswith("!")))
    for entry in (e for e in entries if not e.startswith("!")):
        module, _, name = entry.partition(":")
        if module.partition(".")[0] != PACKAGE or not name:
            raise BookError(f"{entry!r}: expected 'mnist_ref.<module>:<name>'")
        cutter.need(module, name)
    return cutter.text()


def extract(entries: Iterable[str]) -> str:
    """The source text defining every ``"mnist_ref.<module>:<name>"`` of ``entries`` and what
    they need, except the names of ``"!<name>"`` entries (what the probe grades: a definition
    that names one, as a default argument, gets None there); run it with :func:`build`."""
    return _extract(tuple(sorted(set(entries))))


def allowed_entries(allow: dict[str, list[str]]) -> list[str]:
    """``{"mnist_ref.linear": ["mnist_loss"]}`` (what a stub imports) as entries."""
    return [f"{module}:{name}" for module, names in allow.items()
            if module.partition(".")[0] == PACKAGE for name in names]


def build(text: str, names: Iterable[str]) -> dict[str, object]:
    """Run ``text`` (from :func:`extract`) as a module of its own (registered in ``sys.modules``
    as ``mnist_ref_book_<n>``, which ``dataclasses`` needs); the objects ``names``."""
    _BUILT[0] += 1
    module = types.ModuleType(f"mnist_ref_book_{_BUILT[0]}", "the reference's definitions")
    sys.modules[module.__name__] = module
    code = compile(text, "<the reference's definitions>", "exec", dont_inherit=True)
    exec(code, module.__dict__)  # noqa: S102 - the grader's own text
    return {name: module.__dict__[name] for name in names}


_BUILT = [0]
