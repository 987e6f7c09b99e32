"""docs/architecture.md stays true: every package and module it names exists, its layers are the
layers of the import contract, and neither package has an import cycle."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOC = (ROOT / "docs" / "architecture.md").read_text()
NAMED = sorted(set(re.findall(r"`((?:autograder|mnist_ref)(?:\.\w+)*)`", DOC)))


def test_the_document_names_the_packages():
    assert "autograder.core" in NAMED and "autograder.frontends" in NAMED


@pytest.mark.parametrize("name", NAMED)
def test_every_package_named_exists(name):
    assert importlib.util.find_spec(name) is not None, f"docs/architecture.md names {name}"


def test_the_layers_are_those_of_the_import_contract():
    if sys.version_info < (3, 11):
        pytest.skip("tomllib needs Python 3.11")
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    layers = next(c["layers"] for c in config["contracts"] if c["type"] == "layers")
    contract = [name.strip() for layer in layers for name in layer.split("|")]
    table = re.findall(r"^\| [^|]+ \| (`autograder[^|]+)\|", DOC, re.M)
    documented = [name for row in table for name in re.findall(r"`(autograder\.\w+)`", row)]
    assert documented == contract


@pytest.mark.parametrize("package", ["autograder", "mnist_ref"])
def test_no_import_cycle(package):
    grimp = pytest.importorskip("grimp", reason="grimp comes with import-linter (the dev extra)")
    graph = grimp.build_graph(package, include_external_packages=False, cache_dir=None)
    inside = sorted(graph.modules)
    for module in inside:
        for imported in graph.find_modules_directly_imported_by(module):
            chain = graph.find_shortest_chain(importer=imported, imported=module)
            assert chain is None, f"import cycle: {module} -> {' -> '.join(chain)}"
