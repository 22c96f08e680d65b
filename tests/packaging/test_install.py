"""A fresh ``pip install`` of the project, with the pip the machine's Python ships.

Every runtime dependency must be declared by the project itself: a library
that asks for another only through an extra that old pips do not resolve
(jusText's ``lxml[html_clean]``) breaks every HTML import after a plain
install. So this test makes a new venv with the interpreter the test suite
runs on (``python -m venv``, pip left as it came, never upgraded), installs
a copy of this checkout into it (not editable), and cleans an HTML page with
the installed ``corpus-reader`` command, from a folder outside the checkout
and without ``PYTHONPATH``, so nothing but the installed package can answer.
The same install must also carry the bundled corpus and resources (a wheel
holds only what is inside the package): searching the bundled corpus from
there finds its articles.

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


class Installed:
    """A venv with the project installed into it, and a folder outside the checkout."""

    def __init__(self, venv: Path, work: Path, env: dict[str, str]) -> None:
        self.venv, self.work, self.env = venv, work, env

    def run(self, *args: str, timeout: float = 120, env: dict[str, str] | None = None) -> str:
        return _run(list(args), cwd=self.work, env=env or self.env, timeout=timeout)

    @property
    def python(self) -> str:
        return str(self.venv / "bin" / "python")

    @property
    def command(self) -> str:
        return str(self.venv / "bin" / "corpus-reader")


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    tmp_path = tmp_path_factory.mktemp("install")
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
    # The checkout copy is gone: nothing can be read from a source tree.
    shutil.rmtree(source)
    return Installed(venv, tmp_path, env)


def test_fresh_install_with_shipped_pip_cleans_html(installed: Installed) -> None:
    page = installed.work / "night-ferries.html"
    page.write_text(PAGE, encoding="utf-8")
    output = installed.run(installed.command, "clean", str(page), "--json")
    [doc] = json.loads(output)
    assert doc["id"] == "night-ferries"
    assert doc["title"] == "Harbour authority approves night ferries"
    assert doc["publisher"] == "Fenmouth Courier"
    assert doc["published"] == "2024-03-07"
    assert doc["dateline"] == "FENMOUTH"
    assert len(doc["paragraphs"]) == 3
    assert doc["paragraphs"][1].startswith("Marguerite Olawale, who chairs")
    assert "Advertisement" not in doc["body_text"]


def test_fresh_install_carries_the_bundled_corpus_and_resources(installed: Installed) -> None:
    env = dict(installed.env, CORPUS_READER_HOME=str(installed.work / "home"))
    # Every article of the source tree's corpus, and the resources, are in the package.
    where = installed.run(
        installed.python,
        "-c",
        "from reader.core import paths; print(paths.bundled_corpus_dir());"
        " print(paths.resource('gazetteer.json')); print(paths.resource('style.qss'))",
        env=env,
    ).split()
    corpus, gazetteer, style = (Path(line) for line in where)
    assert corpus.is_relative_to(installed.venv), corpus
    assert sorted(p.name for p in (corpus / "articles").iterdir()) == sorted(
        p.name for p in (ROOT / "corpus" / "articles").iterdir()
    )
    assert (corpus / "manifest.json").is_file()
    assert gazetteer.is_file() and style.is_file()

    output = installed.run(installed.command, "search", "treaty", env=env, timeout=300)
    first, *hits = output.splitlines()
    assert "match 'treaty'" in first, output
    assert any("peace treaty" in line for line in hits), output
