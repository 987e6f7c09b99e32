"""Running ``pytest exercises`` in a subprocess, as a student or CI does, and reading its report."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_pytest_exercises(paths: list[str], tmp_path: Path, *extra: str, timeout: float = 600,
                         env: dict | None = None) -> tuple[subprocess.CompletedProcess, dict]:
    """``pytest <paths> --report-json ...`` from the project root: the finished process and the
    JSON report it wrote."""
    report = tmp_path / "report.json"
    out = subprocess.run(
        [sys.executable, "-m", "pytest", *paths, "-p", "no:cacheprovider",
         "--report-json", str(report), *extra],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
    )
    return out, json.loads(report.read_text())
