"""The reference's definitions a worker may hold, cut out of ``mnist_ref`` as text
(:mod:`autograder.sandbox.book`): what they hold, what they leave out, and that every probe's
declaration can be served."""

from __future__ import annotations

import ast
import importlib
import re
import subprocess
import sys
from pathlib import Path

import pytest
import torch

from autograder.sandbox import book
from mnist_ref import linear

ROOT = Path(__file__).resolve().parents[2]
PROBES = sorted((ROOT / "autograder" / "probes").glob("*.py"))


def defined(text: str) -> set[str]:
    return set(re.findall(r"^(?:def|class) (\w+)", text, re.M))


def test_a_stub_allowed_name_holds_nothing_else_of_its_module():
    text = book.extract(["mnist_ref.linear:mnist_loss", "mnist_ref.linear:batch_accuracy"])
    assert defined(text) == {"mnist_loss", "batch_accuracy"}
    built = book.build(text, ["mnist_loss", "batch_accuracy"])
    preds, targets = torch.randn(6, 1), torch.tensor([[1.0], [0], [1], [0], [0], [1]])
    assert torch.equal(built["mnist_loss"](preds, targets), linear.mnist_loss(preds, targets))
    reference = {n for n, v in vars(linear).items() if callable(v) and not n.startswith("_")}
    leaked = reference & set(built["mnist_loss"].__globals__) - {"mnist_loss", "batch_accuracy"}
    assert not leaked, f"the rebuilt mnist_loss's globals hold {leaked}"


def test_what_a_probe_grades_is_never_sent_not_even_as_a_default():
    text = book.extract(["mnist_ref.linear:train_epoch", "!mnist_loss"])
    assert "mnist_loss" not in defined(text) and "calc_grad" in defined(text)
    built = book.build(text, ["train_epoch", "calc_grad"])
    assert re.search(r"loss_func[^,)]*=None", text)
    assert "mnist_loss" not in built["calc_grad"].__globals__
    with_default = book.extract(["mnist_ref.linear:train_epoch"])
    assert "mnist_loss" in defined(with_default)


def test_definitions_imported_inside_a_function_are_cut_out_too():
    text = book.extract(["mnist_ref.learner:Learner"])
    assert {"Learner", "BasicOptim", "mnist_loss", "batch_accuracy"} <= defined(text)
    assert "import mnist_ref" not in text and "from mnist_ref" not in text


def test_a_wrong_declaration_is_a_clear_error():
    with pytest.raises(book.BookError, match="defines no nothing_here"):
        book.extract(["mnist_ref.linear:nothing_here"])
    with pytest.raises(book.BookError, match="expected 'mnist_ref"):
        book.extract(["torch:tensor"])


def _declared() -> list[tuple[str, str, tuple[str, ...]]]:
    found = []
    for path in PROBES:
        module = importlib.import_module(f"autograder.probes.{path.stem}")
        for name, fn in vars(module).items():
            if callable(fn) and getattr(fn, "book", ()) and fn.__module__ == module.__name__:
                found.append((path.stem, name, tuple(fn.book)))
    return found


@pytest.mark.parametrize(("stem", "probe", "entries"), _declared(),
                         ids=lambda v: v if isinstance(v, str) else "")
def test_every_probe_declaration_can_be_served(stem, probe, entries):
    text = book.extract(entries)
    wanted = [e.partition(":")[2] for e in entries if not e.startswith("!")]
    built = book.build(text, wanted)
    assert set(built) == set(wanted)
    excluded = {e[1:] for e in entries if e.startswith("!")}
    assert not excluded & defined(text), f"{stem}.{probe} would hold {excluded & defined(text)}"


@pytest.mark.parametrize("path", PROBES, ids=lambda p: p.stem)
def test_no_probe_imports_the_reference(path):
    tree = ast.parse(path.read_text())
    for node in ast.walk(tree):
        names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                 else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
        assert not any(n.partition(".")[0] == "mnist_ref" for n in names), \
            f"{path.name}:{node.lineno} imports the reference: declare it with uses_book"


def test_the_fork_server_never_imports_the_reference():
    code = ("from autograder.sandbox import zygote; zygote.preload(); import sys; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'mnist_ref'))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=300, check=True)
    assert out.stdout.strip() == "[]"
