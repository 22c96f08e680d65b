"""The bundled corpus and resources go into the wheel beside the code.

They live at the top of the source tree (``corpus/``, ``resources/``), where
the tests, the PyInstaller spec and the README find them; a wheel carries only
packages, so the build copies both folders into ``reader/_bundled/`` of the
build tree, which :func:`reader.core.paths.install_root` looks for first. An
editable install reads them from the source tree instead and copies nothing.
All other configuration is in ``pyproject.toml``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
BUNDLED = ("corpus", "resources")


class BuildPyWithBundledData(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        target = Path(self.build_lib) / "reader" / "_bundled"
        for name in BUNDLED:
            destination = target / name
            if destination.exists():
                shutil.rmtree(destination)
            shutil.copytree(
                ROOT / name, destination, ignore=shutil.ignore_patterns("__pycache__", ".*")
            )


setup(cmdclass={"build_py": BuildPyWithBundledData})
