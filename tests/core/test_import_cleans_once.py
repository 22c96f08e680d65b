"""An import cleans each file once: the index update after it uses the documents it cleaned.

The documents are the ones cleaning the copies in the corpus gives, a
refused file is refused with the same line, and a copy changed between the
import and the update is cleaned again.
"""

from __future__ import annotations

import gzip
import os
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

import reader.core.clean as clean_package
from reader.core import corpus
from reader.core.clean import clean_file
from reader.core.docstore import DocStore
from reader.core.ingest import ingest
from reader.core.library import Library
from reader.core.model import Document
from reader.core.search.index import SearchIndex

FERRY = (
    "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
    "<title>Ferry strike ends in Stavanger</title>"
    "<meta name='author' content='Ragnhild Aasen'>"
    "<meta property='article:published_time' content='2024-02-11T08:00:00Z'></head>"
    "<body><nav>Home | World | Sport</nav><article><h1>Ferry strike ends in Stavanger</h1>"
    "<p>STAVANGER -- Ferry crews in Stavanger went back to work on Sunday after the "
    "union and the operator agreed on a new rota for the winter crossings.</p>"
    "<p>Subscribe now and save 40 per cent</p>"
    "<p>The harbour master, Ole Brekke, said the first boats would leave at six.</p>"
    "</article><footer>Related stories</footer></body></html>"
)
GLACIER = (
    "Glacier retreat measured in Svalbard\n\n"
    "LONGYEARBYEN -- Researchers from the polar institute measured the retreat of "
    "the Nordenskiold glacier over the summer and found it had lost forty metres.\n\n"
    "Photo: Polar Institute\n\n"
    "The team will return in March to set new markers on the ice."
)


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """How many times each file name was cleaned, by the real cleaner."""
    calls: Counter[str] = Counter()

    def counting(path: str | os.PathLike[str], **kwargs: Any) -> Document:
        calls[Path(path).name.split(".")[0]] += 1
        return clean_file(path, **kwargs)

    monkeypatch.setattr(clean_package, "clean_file", counting)
    return calls


def _downloads(folder: Path) -> list[Path]:
    folder.mkdir()
    files = {
        "ferry.html": FERRY.encode(),
        "glacier.txt": GLACIER.encode(),
        "glacier-copy.txt.gz": gzip.compress(GLACIER.replace("forty", "fifty").encode()),
        "empty.txt": b"   \n",
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)
    other = folder / "again"
    other.mkdir()
    (other / "glacier.txt").write_bytes(GLACIER.replace("March", "April").encode())
    return [folder / name for name in files] + [other / "glacier.txt"]


def test_an_import_cleans_each_file_once(tmp_path: Path, counted: Counter[str]) -> None:
    (tmp_path / "corpus").mkdir()
    with Library.open(tmp_path / "home", tmp_path / "corpus") as lib:
        result = lib.import_paths(_downloads(tmp_path / "downloads"), analyse=False)
        assert sorted(result.imported) == ["ferry", "glacier", "glacier-2", "glacier-copy"]
        [failure] = result.failures
        assert failure.reason == "empty file" and failure.path.endswith("empty.txt")
        assert result.ingest is not None and result.ingest.added == 4
    # The refused file is cleaned once, to refuse it; each imported one once.
    assert counted == {"ferry": 1, "glacier": 2, "glacier-copy": 1, "empty": 1}


def test_the_documents_are_those_cleaning_the_copies_gives(tmp_path: Path) -> None:
    (tmp_path / "corpus").mkdir()
    with Library.open(tmp_path / "home", tmp_path / "corpus") as lib:
        result = lib.import_paths(_downloads(tmp_path / "downloads"), analyse=False)
        for doc_id in result.imported:
            stored = lib.document(doc_id)
            copy = stored.source_path
            assert Path(copy).parent == lib.paths.imported_dir
            assert stored.to_json() == clean_file(copy, doc_id=doc_id).to_json()
        ferry = lib.document("ferry")
        assert ferry.title == "Ferry strike ends in Stavanger"
        assert "Subscribe now" not in ferry.body_text
        hits = lib.search('"fifty metres"')
        assert [hit.id for hit in hits.hits] == ["glacier-copy"]


def test_a_copy_changed_before_the_update_is_cleaned_again(
    tmp_path: Path, counted: Counter[str]
) -> None:
    imported = tmp_path / "imported"
    report = corpus.import_paths(_downloads(tmp_path / "downloads"), imported)
    assert counted["glacier"] == 2
    copy = imported / "glacier.txt"
    copy.write_text(GLACIER.replace("Svalbard", "Greenland and Svalbard"), encoding="utf-8")
    with DocStore.in_folder(tmp_path / "cache") as store:
        index = SearchIndex(tmp_path / "cache" / "index")
        ingest(
            corpus.discover([imported]),
            store=store,
            index=index,
            analyze=lambda doc: {"entities": [], "meetings": []},
            cleaned=report.cleaned,
            workers=0,
        )
        assert store.get("glacier").title == "Glacier retreat measured in Greenland and Svalbard"
        assert store.get("glacier-2").title == "Glacier retreat measured in Svalbard"
        index.close()
    assert counted["glacier"] == 3  # only the changed copy again
    assert counted["ferry"] == 1


def test_past_its_budget_an_import_keeps_no_more_documents(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    size = len(clean_file(_downloads(tmp_path / "probe")[0]).body_text)
    # Room for the first document, not the second.
    monkeypatch.setattr(corpus, "KEEP_CLEANED_CHARS", size + 10)
    report = corpus.import_paths(_downloads(tmp_path / "downloads"), tmp_path / "imported")
    assert len(report.imported) == 4
    assert [Path(key).name for key in report.cleaned] == ["ferry.html"]
