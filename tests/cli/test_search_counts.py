"""corpus-reader search --json over 20,000 articles: the total is every match.

The corpus is the session's large one (``big_library_dir`` in conftest),
copied so the command's own index update cannot touch the shared copy; the
update lock is held meanwhile, as by another instance updating the index,
so the command reads the index as last saved (its articles have no source
files an update would find). Each total is checked against Whoosh's own
unlimited search on the same index.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from reader.cli import main
from reader.core.ingest import LOCK_NAME, _FileLock
from reader.core.library import Library
from reader.core.search.index import SearchIndex
from reader.core.search.parsing import parse_query

QUERIES = ["election", "mobile", "blair OR brown", "tele*", '"peace treaty"', "harbour"]


@pytest.fixture(scope="module")
def big_home(big_library_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("big-cli") / "home"
    shutil.copytree(big_library_dir, home)
    return home


def _whoosh_count(home: Path, text: str) -> int:
    library = Library.open(data_dir=home)
    try:
        index = SearchIndex(library.paths.index_dir)
    finally:
        library.close()
    with index:
        searcher = index._current_searcher()
        return len(searcher.search(parse_query(text, index._parser), limit=None))


@pytest.mark.parametrize("text", QUERIES)
def test_search_json_reports_every_match(
    big_home: Path, text: str, capsys: pytest.CaptureFixture[str]
) -> None:
    expected = _whoosh_count(big_home, text)
    library = Library.open(data_dir=big_home)
    lock = _FileLock(library.paths.index_dir.parent / LOCK_NAME)
    library.close()
    assert lock.acquire(0)
    try:
        status = main(["search", "--data-dir", str(big_home), text, "--json", "--limit", "5"])
    finally:
        lock.release()
    out, err = capsys.readouterr()
    assert status == 0, err
    assert "reading it as last saved" in err
    result = json.loads(out)
    assert result["total"] == expected > 20  # more than a page: the total is not the hits
    assert len(result["hits"]) == 5
