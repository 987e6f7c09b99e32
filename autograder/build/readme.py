"""The README's generated regions: the students' public API and the threshold table.

The README holds ``<!-- BEGIN GENERATED: name -->`` ... ``<!-- END GENERATED: name -->`` pairs;
``mnist-grade build`` refills them from their sources (the solutions' signatures and docstrings,
:mod:`mnist_ref.thresholds`), and ``mnist-grade build --check`` fails when they are stale.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from autograder.checks import registry
from autograder.core.files import Output
from autograder.core.paths import README, solution


def _signature(node: ast.FunctionDef, skip_self: bool = False) -> str:
    args = ast.unparse(node.args)
    if skip_self and args.startswith("self"):
        args = args[len("self") :].lstrip(", ")
    return f"{node.name}({args})"


def _first_line(node) -> str:
    doc = ast.get_docstring(node) or ""
    return doc.strip().splitlines()[0] if doc.strip() else ""


def api_markdown(root: Path) -> str:
    """Per exercise, every function and class the student writes, with its one-line contract."""
    lines = []
    for stem in registry.STEMS:
        src = solution(stem, root)
        if not src.exists():
            continue
        lines += [f"**{registry.exercise(stem).title}** (`exercises/{stem}.py`)", "", "```python"]
        for node in ast.parse(src.read_text()).body:
            if isinstance(node, ast.FunctionDef):
                lines.append(f"{_signature(node)}  # {_first_line(node)}")
            elif isinstance(node, ast.ClassDef):
                lines.append(f"class {node.name}:  # {_first_line(node)}")
                for item in node.body:
                    if isinstance(item, ast.FunctionDef):
                        lines.append(
                            f"    {_signature(item, skip_self=True)}  # {_first_line(item)}".rstrip(
                                " #"
                            )
                        )
        lines += ["```", ""]
    return "\n".join(lines).rstrip() + "\n"


def thresholds_markdown() -> str:
    """Stage, data, rule and threshold, and what the seeded reference runs measured."""
    from mnist_ref.thresholds import MEASURED_SEEDS, THRESHOLDS

    seeds = ", ".join(str(s) for s in MEASURED_SEEDS)
    lines = [
        f"| data | stage | pass when accuracy | measured (seeds {seeds}) |",
        "| --- | --- | --- | --- |",
    ]
    for variant, table in THRESHOLDS.items():
        for stage, t in table.items():
            rule = (
                f"= {t.exact:.4f} (within 1e-4)" if t.exact is not None else f">= {t.minimum:.4f}"
            )
            lines.append(f"| `{variant}` | `{stage}` | {rule} | {t.measured} |")
    return "\n".join(lines) + "\n"


REGIONS = {"student-api": api_markdown, "thresholds": lambda root: thresholds_markdown()}


def render(text: str, root: Path) -> str:
    """``text`` with every generated region refilled."""
    for name, make in REGIONS.items():
        pattern = re.compile(
            rf"(<!-- BEGIN GENERATED: {name} [^\n]*-->\n).*?(<!-- END GENERATED: {name} -->)", re.S
        )
        text = pattern.sub(lambda m, make=make: m.group(1) + make(root) + m.group(2), text)
    return text


def outputs(root: Path) -> list[Output]:
    """The README with its generated regions refilled (none when there is no README)."""
    path = root / README
    return [Output(path, render(path.read_text(), root))] if path.exists() else []
