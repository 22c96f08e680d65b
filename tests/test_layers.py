"""The layering rules the architecture depends on, checked rather than hoped for."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "reader"


def test_core_and_cli_load_without_qt() -> None:
    code = (
        "import sys, importlib, pkgutil, reader.core, reader.cli, reader.app\n"
        "for m in pkgutil.walk_packages(reader.core.__path__, 'reader.core.'):\n"
        "    importlib.import_module(m.name)\n"
        "assert not [n for n in sys.modules if n.startswith('PySide6')], 'Qt was imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_a_headless_command_through_the_launcher_loads_no_qt(tmp_path: Path) -> None:
    code = (
        "import sys, reader.app\n"
        f"status = reader.app.main(['--data-dir', {str(tmp_path)!r}, 'annotations'])\n"
        "assert status == 0, status\n"
        "assert not [n for n in sys.modules if n.startswith('PySide6')], 'Qt was imported'\n"
        "assert 'reader.ui' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_the_command_line_never_imports_the_window() -> None:
    for name in _imported_modules(PACKAGE / "cli.py"):
        assert not name.startswith(("PySide6", "reader.ui", "reader.app")), name


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_core_never_imports_the_ui_or_qt() -> None:
    for path in (PACKAGE / "core").rglob("*.py"):
        for name in _imported_modules(path):
            assert not name.startswith(("PySide6", "reader.ui", "reader.cli")), f"{path}: {name}"


def test_whoosh_lives_behind_one_package() -> None:
    users = {
        path.relative_to(PACKAGE).as_posix()
        for path in PACKAGE.rglob("*.py")
        if any(n.startswith("whoosh") for n in _imported_modules(path))
    }
    assert users, "the search package should be the one that imports Whoosh"
    assert all(user.startswith("core/search/") for user in users), users


def test_ui_reaches_the_engine_only_through_the_facade() -> None:
    allowed = {
        "reader.core.library",
        "reader.core.location",
        "reader.core.model",
        "reader.core.paths",
        "reader.core.progress",
        "reader.core.worker",  # the background jobs' protocol
    }
    for path in (PACKAGE / "ui").rglob("*.py"):
        for name in _imported_modules(path):
            assert not name.startswith(("whoosh", "sqlite3")), f"{path}: {name}"
            if name.startswith("reader.core"):
                assert name in allowed, f"{path} reaches into {name}"
