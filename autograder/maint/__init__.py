"""Maintainers' tools: proof that the checks catch realistic mistakes (:mod:`.mutants`)."""
