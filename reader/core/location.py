"""Where one library lives: its per-user folders and the corpus folders it reads.

A :class:`LibraryLocation` is what another process needs to open the same
library: the window hands it to its background worker (see
:mod:`reader.core.worker`), which must find exactly the folders the window
uses, however they were chosen (``--data-dir``, ``CORPUS_READER_HOME``, the
platform defaults, or a library built by hand in a test). It round-trips
through JSON and through command-line arguments, each folder named
explicitly, so nothing is rebuilt from a folder layout on the other side.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reader.core.paths import AppPaths, bundled_corpus_dir


@dataclass(frozen=True)
class LibraryLocation:
    """The data, cache and config folders of a library and the corpus folders it reads."""

    paths: AppPaths
    corpus_dirs: tuple[Path, ...]

    @classmethod
    def resolve(
        cls,
        data_dir: str | os.PathLike[str] | None = None,
        corpus_dir: str | os.PathLike[str] | None = None,
    ) -> LibraryLocation:
        """What ``--data-dir`` and ``--corpus`` name (defaults: the per-user folders, the
        bundled corpus); the documents the researcher imported are always read too."""
        paths = AppPaths.resolve(data_dir)
        corpus = Path(corpus_dir) if corpus_dir else bundled_corpus_dir()
        return cls(paths, (corpus, paths.imported_dir))

    # -- JSON ----------------------------------------------------------------

    def to_json(self) -> dict[str, Any]:
        return {
            "data": os.fspath(self.paths.data),
            "cache": os.fspath(self.paths.cache),
            "config": os.fspath(self.paths.config),
            "corpus": [os.fspath(p) for p in self.corpus_dirs],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> LibraryLocation:
        try:
            paths = AppPaths(Path(data["data"]), Path(data["cache"]), Path(data["config"]))
            corpus = tuple(Path(p) for p in data["corpus"])
        except (KeyError, TypeError) as error:
            raise ValueError(f"not a library location: {error}") from None
        return cls(paths, corpus)

    # -- command-line arguments ---------------------------------------------

    def to_argv(self) -> list[str]:
        """Arguments that :meth:`from_argv` reads back into this same location."""
        argv = [
            *("--data", os.fspath(self.paths.data)),
            *("--cache", os.fspath(self.paths.cache)),
            *("--config", os.fspath(self.paths.config)),
        ]
        for folder in self.corpus_dirs:
            argv += ["--corpus-dir", os.fspath(folder)]
        return argv

    @classmethod
    def add_arguments(cls, parser: argparse.ArgumentParser) -> None:
        """Declare the options :meth:`to_argv` writes on ``parser``."""
        parser.add_argument("--data", required=True, metavar="DIR")
        parser.add_argument("--cache", required=True, metavar="DIR")
        parser.add_argument("--config", required=True, metavar="DIR")
        parser.add_argument("--corpus-dir", action="append", default=[], metavar="DIR")

    @classmethod
    def from_namespace(cls, args: argparse.Namespace) -> LibraryLocation:
        paths = AppPaths(Path(args.data), Path(args.cache), Path(args.config))
        return cls(paths, tuple(Path(p) for p in args.corpus_dir))

    @classmethod
    def from_argv(cls, argv: Sequence[str]) -> LibraryLocation:
        parser = argparse.ArgumentParser(add_help=False, exit_on_error=False)
        cls.add_arguments(parser)
        try:
            args = parser.parse_args(list(argv))
        except (argparse.ArgumentError, SystemExit) as error:
            raise ValueError(f"not a library location: {error}") from None
        return cls.from_namespace(args)
