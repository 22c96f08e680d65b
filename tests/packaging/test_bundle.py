"""The frozen app: build the one-folder bundle from this tree, then run what a user would.

One build per session (about a minute on two cores) through
``packaging/build.sh``, into a temporary folder, so the tree's own ``dist/``
and ``build/`` are left alone. The built executable then runs with an empty
per-user folder and the offscreen Qt platform, as in CI.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

import reader
from reader.core.ingest import POOL_THRESHOLD

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
ARTICLE_HTML = Path(__file__).resolve().parent / "data" / "article.html"
SIZE_LIMIT_MB = 260


class Bundle:
    """Where the build put things."""

    def __init__(self, dist: Path, build_log: str) -> None:
        self.dist = dist
        self.folder = dist / "corpus-reader"
        self.executable = self.folder / "corpus-reader"
        # sys._MEIPASS of a one-folder build: what install_root() returns.
        self.internal = self.folder / "_internal"
        self.build_log = build_log


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Bundle:
    if importlib.util.find_spec("PyInstaller") is None:
        pytest.skip("PyInstaller is not installed (pip install -e '.[package]')")
    base = tmp_path_factory.mktemp("bundle")
    env = {**os.environ, "VENV": sys.prefix}
    env.pop("CORPUS_READER_TRIM", None)
    command = ["bash", str(ROOT / "packaging" / "build.sh")]
    command += ["--dist", str(base / "dist"), "--work", str(base / "work")]
    result = subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=900, check=False
    )
    assert result.returncode == 0, f"build failed:\n{result.stdout}\n{result.stderr}"
    return Bundle(base / "dist", result.stdout)


def _user_env(home: Path) -> dict[str, str]:
    """An environment with an empty per-user folder and no display."""
    home.mkdir(parents=True, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("QT_", "CORPUS_READER_"))}
    env.update(
        QT_QPA_PLATFORM="offscreen",
        CORPUS_READER_HOME=str(home),
        # Anything the app puts in the temporary folder stays in the test's.
        TMPDIR=str(home),
        # No real settings, cache or config outside the test's folder.
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / "xdg-config"),
        XDG_CACHE_HOME=str(home / "xdg-cache"),
        XDG_DATA_HOME=str(home / "xdg-data"),
    )
    return env


def _run(command: list[str], home: Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command, env=_user_env(home), capture_output=True, text=True, timeout=timeout, check=False
    )


def test_version(bundle: Bundle, tmp_path: Path) -> None:
    result = _run([str(bundle.executable), "--version"], tmp_path / "home")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"corpus-reader {reader.__version__}"


def test_headless_commands_do_not_load_qt(bundle: Bundle, tmp_path: Path) -> None:
    """The frozen CLI keeps the source's promise: no Qt unless a window is wanted."""
    env = {**_user_env(tmp_path / "home"), "LD_DEBUG": "files"}
    result = subprocess.run(
        [str(bundle.executable), "--version"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0
    # The dynamic loader reports every library it opens on stderr.
    assert "libpython" in result.stderr, "LD_DEBUG had no effect"
    assert "libQt6Core" not in result.stderr


def test_smoke_test(bundle: Bundle, tmp_path: Path) -> None:
    home = tmp_path / "home"
    result = _run([str(bundle.executable), "--smoke-test"], home)
    report = f"stdout:\n{result.stdout}\nstderr:\n{result.stderr}"
    assert result.returncode == 0, report
    lines = result.stdout.splitlines()
    assert not [line for line in lines if line.startswith("FAIL")], report
    # What the issue asks of the smoke test: search, open the first hit, see it highlighted.
    for step in ("search", "open the first hit", "highlight shown"):
        assert any(line.startswith(f"ok   {step}:") for line in lines), f"no {step!r}\n{report}"
    assert lines[-1].startswith("PASS smoke test"), report
    assert "Traceback" not in result.stderr, report


def test_finds_corpus_and_resources_where_install_root_looks(bundle: Bundle) -> None:
    assert (bundle.internal / "corpus" / "manifest.json").is_file()
    articles = sorted((bundle.internal / "corpus" / "articles").iterdir())
    assert [p.name for p in articles] == sorted(
        p.name for p in (ROOT / "corpus" / "articles").iterdir()
    )
    assert (bundle.internal / "resources" / "gazetteer.json").is_file()
    assert (bundle.internal / "resources" / "icons" / "corpus-reader.svg").is_file()


def test_frozen_search_matches_source(bundle: Bundle, tmp_path: Path) -> None:
    """The frozen index (Whoosh, its codecs and pickled schema) answers as from source."""
    query = ["search", "Putin AND Abe", "--json"]
    frozen = _run([str(bundle.executable), *query], tmp_path / "frozen")
    source = _run([sys.executable, "-m", "reader.cli", *query], tmp_path / "source")
    assert frozen.returncode == 0, frozen.stderr
    assert source.returncode == 0, source.stderr
    assert json.loads(frozen.stdout) == json.loads(source.stdout)


def test_frozen_cleaner_matches_source(bundle: Bundle, tmp_path: Path) -> None:
    """trafilatura's settings and jusText's stop lists made it into the bundle.

    The cleaner falls back to a simpler extractor when trafilatura fails, and
    on this page the two differ (the fallback keeps the byline paragraph), so
    equal output means trafilatura ran in the bundle.
    """
    command = ["clean", str(ARTICLE_HTML), "--json"]
    frozen = _run([str(bundle.executable), *command], tmp_path / "frozen")
    source = _run([sys.executable, "-m", "reader.cli", *command], tmp_path / "source")
    assert frozen.returncode == 0, frozen.stderr
    assert source.returncode == 0, source.stderr
    assert json.loads(frozen.stdout) == json.loads(source.stdout)


def test_frozen_ingest_runs_worker_processes(bundle: Bundle, tmp_path: Path) -> None:
    """A large import cleans in spawned workers, which re-run the frozen executable.

    Without ``multiprocessing.freeze_support()`` in the entry point each worker
    would parse its own arguments as a command line and print a usage error;
    the ingest would fall back to one process and hide it.
    """
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    articles = sorted((ROOT / "corpus" / "articles").glob("*.txt"))
    copies = -(-POOL_THRESHOLD // len(articles))  # enough files to reach the pool
    for n in range(copies):
        for article in articles:
            shutil.copy(article, corpus / f"{article.stem}_{n}.txt")
    result = _run(
        [str(bundle.executable), "--corpus", str(corpus), "index"], tmp_path / "home", timeout=300
    )
    assert result.returncode == 0, result.stderr
    assert "usage:" not in result.stderr and "error" not in result.stderr.lower(), result.stderr
    assert f"{copies * len(articles)} added" in result.stdout


def test_frozen_entities_use_the_model(bundle: Bundle, tmp_path: Path) -> None:
    """The packaged model finds a person no gazetteer holds, and links the surname."""
    article = tmp_path / "harbour_talks.txt"
    article.write_text(
        "Harbour talks\n\nPort commissioner Ingrid Solheim met officials of the Baltic Ferry "
        "Company in Gdansk on Tuesday. Solheim said the talks would go on in Riga.\n",
        encoding="utf-8",
    )
    home = tmp_path / "home"
    imported = _run([str(bundle.executable), "import", "--json", str(article)], home, timeout=300)
    assert imported.returncode == 0, imported.stderr
    result = _run([str(bundle.executable), "entities", "harbour_talks", "--json"], home)
    assert result.returncode == 0, result.stderr
    entities = {e["name"]: e for e in json.loads(result.stdout)}
    solheim = entities["Ingrid Solheim"]
    assert solheim["type"] == "person" and solheim["known"] is False
    assert {m["text"] for m in solheim["mentions"]} == {"Ingrid Solheim", "Solheim"}
    text = _run([str(bundle.executable), "entities", "harbour_talks"], home)
    assert "spaCy en_core_web_sm 3.8.0" in text.stdout


def _size_mb(folder: Path) -> float:
    return sum(p.lstat().st_size for p in folder.rglob("*")) / 1024**2


def test_bundle_is_trimmed(bundle: Bundle) -> None:
    assert _size_mb(bundle.folder) < SIZE_LIMIT_MB
    qt = bundle.internal / "PySide6" / "Qt"
    assert not (qt / "translations").exists()
    libraries = {p.name for p in (qt / "lib").iterdir()}
    for unused in ("Qml", "Quick", "Pdf", "Designer", "EglFSDeviceIntegration"):
        assert f"libQt6{unused}.so.6" not in libraries
    platforms = {p.name for p in (qt / "plugins" / "platforms").iterdir()}
    assert platforms == {"libqxcb.so", "libqoffscreen.so", "libqwayland.so"}
    assert not list(bundle.internal.rglob("*tkinter*"))
    dangling = [p for p in bundle.folder.rglob("*") if p.is_symlink() and not p.exists()]
    assert not dangling


def test_archive_holds_the_bundle(bundle: Bundle) -> None:
    tarball = bundle.dist / f"corpus-reader-{reader.__version__}-linux-{os.uname().machine}.tar.gz"
    with tarfile.open(tarball) as archive:
        members = {m.name: m for m in archive.getmembers()}
    executable = members["corpus-reader/corpus-reader"]
    assert executable.isfile() and executable.mode & 0o111
    assert "corpus-reader/_internal/corpus/manifest.json" in members
    desktop = f"corpus-reader/share/applications/{reader.APP_ID}.desktop"
    assert desktop in members
