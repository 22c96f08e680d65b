"""A fresh ``pip install`` of the project, with the pip the machine's Python ships.

Every runtime dependency must be declared by the project itself: a library
that asks for another only through an extra that old pips do not resolve
(jusText's ``lxml[html_clean]``) breaks every HTML import after a plain
install. So this test makes a new venv with the interpreter the test suite
runs on (``python -m venv``, pip left as it came, never upgraded), installs
a copy of this checkout into it (not editable), and cleans an HTML page with
the installed ``corpus-reader`` command, from a folder outside the checkout
and without ``PYTHONPATH``, so nothing but the installed package can answer.

pip's own download cache is used as usual, so a second run installs from it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
# Only what a source distribution would carry; the venv, caches, builds and
# git history stay behind.
_SKIP = shutil.ignore_patterns(
    ".git", ".venv", "venv", "build", "dist", "*.egg-info", "__pycache__", ".pytest_cache",
    ".ruff_cache", "tests", "docs",
)  # fmt: skip

PAGE = """<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>Harbour authority approves night ferries | Fenmouth Courier</title>
<meta property="og:site_name" content="Fenmouth Courier">
<meta property="og:title" content="Harbour authority approves night ferries">
<meta property="article:published_time" content="2024-03-07T06:15:00+00:00">
</head>
<body>
<nav><a href="/">Home</a> <a href="/local">Local</a></nav>
<article>
<h1>Harbour authority approves night ferries</h1>
<p>FENMOUTH — The harbour authority voted on Wednesday to run two ferries
through the night from April, after a year in which late-shift workers at the
container terminal said they had no way home but a taxi.</p>
<p>Marguerite Olawale, who chairs the authority's transport committee, said
the service would be reviewed in the autumn once the first passenger counts
were in, and that fares would match the daytime timetable.</p>
<p>The ferry operators' union welcomed the decision but asked for a second
crew on each crossing, citing the length of the night shift and the state of
the older vessel, which dates from the late nineteen-eighties.</p>
<p>Advertisement</p>
</article>
<footer>Copyright Fenmouth Courier</footer>
</body>
</html>
"""


def _run(command: list[str], *, cwd: Path, env: dict[str, str], timeout: float) -> str:
    result = subprocess.run(
        command, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    assert result.returncode == 0, (
        f"{' '.join(command)} failed ({result.returncode}):\n{result.stdout[-4000:]}\n"
        f"{result.stderr[-4000:]}"
    )
    return result.stdout


def _base_python() -> str:
    """The interpreter this venv was made from: the machine's Python, with its own pip."""
    return getattr(sys, "_base_executable", None) or sys.executable


def test_fresh_install_with_shipped_pip_cleans_html(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    env.pop("VIRTUAL_ENV", None)
    source = tmp_path / "source"
    shutil.copytree(ROOT, source, ignore=_SKIP)
    venv = tmp_path / "venv"
    _run([_base_python(), "-m", "venv", str(venv)], cwd=tmp_path, env=env, timeout=120)
    python = venv / "bin" / "python"
    pip_version = _run([str(python), "-m", "pip", "--version"], cwd=tmp_path, env=env, timeout=60)
    _run(
        [str(python), "-m", "pip", "install", "--quiet", str(source)],
        cwd=tmp_path,
        env=env,
        timeout=900,
    )
    # The pip that installed was the one the venv came with.
    assert _run([str(python), "-m", "pip", "--version"], cwd=tmp_path, env=env, timeout=60) == (
        pip_version
    )
    located = _run(
        [str(python), "-c", "import reader; print(reader.__file__)"],
        cwd=tmp_path,
        env=env,
        timeout=60,
    )
    assert Path(located.strip()).is_relative_to(venv), located

    page = tmp_path / "night-ferries.html"
    page.write_text(PAGE, encoding="utf-8")
    output = _run(
        [str(venv / "bin" / "corpus-reader"), "clean", str(page), "--json"],
        cwd=tmp_path,
        env=env,
        timeout=120,
    )
    [doc] = json.loads(output)
    assert doc["id"] == "night-ferries"
    assert doc["title"] == "Harbour authority approves night ferries"
    assert doc["publisher"] == "Fenmouth Courier"
    assert doc["published"] == "2024-03-07"
    assert doc["dateline"] == "FENMOUTH"
    assert len(doc["paragraphs"]) == 3
    assert doc["paragraphs"][1].startswith("Marguerite Olawale, who chairs")
    assert "Advertisement" not in doc["body_text"]
