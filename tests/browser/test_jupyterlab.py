"""A student in a real browser: JupyterLab in headless Chromium, an exercise notebook opened, the
answer typed into its cells, the notebook run, the grade table read from the page.

Needs Debian's ``chromium`` (``.ci/run`` installs it) and the ``playwright`` package (the ``dev``
extra), which drives that Chromium: Playwright's own browser downloads are not used.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import jupytext
import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
STEM = "e02_distances"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(CHROMIUM is None, reason="needs Chromium: apt-get install chromium"),
]
playwright = pytest.importorskip(
    "playwright.sync_api", reason="needs Playwright: pip install -e '.[dev]'")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def lab(tmp_path):
    """``jupyter lab`` on a copy of exercises/, on 127.0.0.1 with a random token; yields its URL
    and folder; everything it started is ended after the test."""
    folder = tmp_path / "exercises"
    shutil.copytree(ROOT / "exercises", folder, ignore=shutil.ignore_patterns("__pycache__"))
    port, token = free_port(), secrets.token_hex(16)
    home = tmp_path / "home"
    env = {**os.environ, "HOME": str(home), "JUPYTER_CONFIG_DIR": str(home / "config"),
           "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
           "JUPYTERLAB_WORKSPACES_DIR": str(home / "workspaces"),
           "MNIST_QUIZ_PROGRESS": str(home / "quiz.json")}
    log = (tmp_path / "jupyter.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "jupyter", "lab", "--no-browser", f"--port={port}", "--allow-root",
         f"--IdentityProvider.token={token}", "--ServerApp.ip=127.0.0.1",
         "--ServerApp.port_retries=0",
         f"--ServerApp.root_dir={folder}", "--LabApp.news_url=",
         "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"],
        cwd=folder, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=5):
                    break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("jupyter lab did not start:\n"
                                       + (tmp_path / "jupyter.log").read_text()) from None
                time.sleep(0.5)
        yield url, token, folder
    finally:
        stop_group(server)  # the server, and the kernels it started
        log.close()


def stop_group(process: subprocess.Popen) -> None:
    """End ``process`` and the process group it leads (started with ``start_new_session``)."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            return
        try:
            process.wait(timeout=30)
            return
        except subprocess.TimeoutExpired:
            continue


def answers() -> dict[str, str]:
    """The model answer's code cells, by the name each defines."""
    from autograder.core.markers import strip_markers

    solved = jupytext.reads(strip_markers((ROOT / "solutions" / f"{STEM}.py").read_text()),
                            fmt="py:percent")
    found = {}
    for cell in solved.cells:
        m = re.match(r"def (\w+)", cell.source)
        if cell.cell_type == "code" and m:
            found[m.group(1)] = cell.source
    return found


def test_a_student_types_the_answers_and_reads_the_grade_table(lab):
    url, token, folder = lab
    # the notebook was last saved by another tool, after its .py (JupyterLab refused it once)
    nb = nbformat.read(folder / f"{STEM}.ipynb", as_version=4)
    nb.cells.insert(1, nbformat.v4.new_markdown_cell("Saved by another editor."))
    os.utime(folder / f"{STEM}.py", (time.time() - 60,) * 2)
    nbformat.write(nb, folder / f"{STEM}.ipynb")

    expect = playwright.expect
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.set_default_timeout(120_000)
            page.goto(f"{url}/lab/tree/{STEM}.ipynb?token={token}")
            notebook = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook")
            notebook.wait_for()
            # it opened, the note first, rendered as markdown (not a comment in a code cell)
            first = notebook.locator(".jp-Cell").first
            expect(first).to_contain_text("GENERATED from")
            expect(first).to_have_class(re.compile(r"\bjp-MarkdownCell\b"))
            expect(notebook.locator(".jp-Cell").nth(1)).to_contain_text("Saved by another editor.")

            for name, source in answers().items():  # type each answer over its stub
                cell = notebook.locator(".jp-CodeCell", has_text=f"def {name}(").first
                cell.scroll_into_view_if_needed()
                editor = cell.locator(".cm-content")
                editor.click()
                page.keyboard.press("Control+A")
                page.keyboard.press("Delete")
                page.keyboard.insert_text(source)
                page.keyboard.press("Escape")
                expect(editor).not_to_contain_text("NotImplementedError")

            page.get_by_role("menuitem", name="Run", exact=True).click()
            page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
            table = notebook.locator(".jp-OutputArea-output", has_text="TOTAL")
            table.wait_for(timeout=300_000)
            text = table.inner_text()
            page.screenshot(path=str(folder.parent / "jupyterlab.png"))
        finally:
            browser.close()
    assert re.search(rf"{STEM}\s+10/10", text), text
    assert re.search(r"TOTAL\s+10/10", text), text
    assert "NOT ATTEMPTED" not in text and "Report(" not in text
