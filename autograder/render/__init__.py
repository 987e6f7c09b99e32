"""Rendering reports: text for terminals and notebooks (:mod:`.text`), JSON and Gradescope's
``results.json`` (:mod:`.reports`). Renderers only read :mod:`autograder.core.model`."""
