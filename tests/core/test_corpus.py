"""Finding the corpus on disk, and importing files into it (bad ones included)."""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

import pytest

from reader.core.corpus import discover, import_paths, source_id
from reader.core.docstore import DocStore
from reader.core.ingest import ingest
from reader.core.paths import AppPaths, bundled_corpus_dir
from reader.core.search.index import SearchIndex

GOOD_TEXT = (
    "Harbour talks resume\n\n"
    "VALPARAISO -- Negotiators for the port authority and the fishing cooperative "
    "resumed negotiations on Wednesday over the disputed quota, officials said.\n\n"
    "Mirela Ostrovska, who chairs the cooperative, said both sides would negotiate "
    "until a new agreement was signed, and that the fleet would stay in port.\n"
)


@pytest.mark.parametrize(
    ("name", "expected"),
    [("x.html.gz", "x"), ("x.txt", "x"), ("000_abc.txt", "000_abc"), ("noext", "noext")],
)
def test_source_id_is_the_stem(name: str, expected: str) -> None:
    assert source_id(Path(name)) == expected


def test_bundled_corpus_is_discovered_with_its_manifest() -> None:
    sources = discover([bundled_corpus_dir()])
    assert [s.id for s in sources] == [
        "000_5f0500b3071f7868",
        "001_e7cd980b6579670b",
        "002_88f331eb946bdea1",
        "003_f58378006adc5005",
        "004_7e4fc252ac36b584",
    ]
    first = sources[0]
    assert first.manifest is not None and first.manifest["published"] == "2019-06-29"
    assert first.size == first.path.stat().st_size
    assert first.mtime_ns == first.path.stat().st_mtime_ns


def test_flat_folder_duplicates_and_hidden_files(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    (a / "story.txt").write_text("one")
    (a / ".hidden.txt").write_text("no")
    (a / "sub").mkdir()
    (b / "story.html").write_text("two")
    (b / "story.txt.gz").write_bytes(gzip.compress(b"three"))
    sources = discover([a, b, tmp_path / "missing"])
    assert [(s.id, s.path.name) for s in sources] == [
        ("story", "story.txt"),
        ("story-2", "story.html"),
        ("story-3", "story.txt.gz"),
    ]
    assert all(s.manifest is None for s in sources)
    # Deterministic: the same folders give the same ids.
    assert [s.id for s in discover([a, b])] == ["story", "story-2", "story-3"]


def test_manifest_only_applies_to_its_own_corpus(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    (corpus / "articles").mkdir(parents=True)
    (corpus / "articles" / "k1.txt").write_text("x")
    (corpus / "manifest.json").write_text(json.dumps({"articles": {"k1": {"publisher": "Wire"}}}))
    [source] = discover([corpus])
    assert source.manifest == {"publisher": "Wire"}


def _mixed_folder(root: Path) -> dict[str, Path]:
    root.mkdir()
    (root / "nested").mkdir()
    files = {
        "good": root / "harbour.txt",
        "good_nested": root / "nested" / "summit.html",
        "binary": root / "photo.txt",
        "empty": root / "empty.txt",
        "huge": root / "huge.txt",
    }
    files["good"].write_text(GOOD_TEXT, encoding="utf-8")
    files["good_nested"].write_text(
        "<html><head><title>Summit ends</title></head><body><article><h1>Summit ends</h1>"
        + "".join(
            f"<p>The summit in Lima closed on day {i} with talks on fisheries.</p>"
            for i in range(6)
        )
        + "</article></body></html>",
        encoding="utf-8",
    )
    files["binary"].write_bytes(bytes(range(256)) * 64)
    files["empty"].write_bytes(b"")
    with open(files["huge"], "wb") as f:
        f.truncate(50 * 1024 * 1024)  # sparse: 50 MB without using the disk
    (root / ".DS_Store").write_bytes(b"\x00\x01")
    return files


def test_import_folder_of_mixed_files(tmp_path: Path) -> None:
    files = _mixed_folder(tmp_path / "incoming")
    dest = tmp_path / "documents"
    report = import_paths([tmp_path / "incoming"], dest)
    assert sorted(report.imported) == ["harbour", "summit"]
    failed = sorted(Path(f.path).name for f in report.failures)
    assert failed == ["empty.txt", "huge.txt", "photo.txt"]
    for failure in report.failures:
        assert failure.reason and "\n" not in str(failure)
        assert "Traceback" not in str(failure)
    assert not report.ok
    assert sorted(p.name for p in dest.iterdir()) == ["harbour.txt", "summit.html"]
    assert (dest / "harbour.txt").read_bytes() == files["good"].read_bytes()
    # No temporary files are left behind.
    assert not [p for p in dest.iterdir() if p.name.startswith(".")]


def test_import_never_overwrites_and_skips_identical(tmp_path: Path) -> None:
    dest = tmp_path / "documents"
    first = tmp_path / "one" / "story.txt"
    first.parent.mkdir()
    first.write_text(GOOD_TEXT, encoding="utf-8")
    assert import_paths([first], dest).imported == ["story"]
    again = import_paths([first], dest)
    assert again.imported == [] and again.already_present == ["story"]
    other = tmp_path / "two" / "story.txt"
    other.parent.mkdir()
    other.write_text(GOOD_TEXT.replace("Wednesday", "Thursday"), encoding="utf-8")
    report = import_paths([other], dest)
    assert report.imported == ["story-2"]
    assert (dest / "story.txt").read_text(encoding="utf-8") == GOOD_TEXT
    assert "Thursday" in (dest / "story-2.txt").read_text(encoding="utf-8")


def test_import_missing_path_is_one_failure(tmp_path: Path) -> None:
    report = import_paths([tmp_path / "nope.txt"], tmp_path / "documents")
    assert [f.reason for f in report.failures] == ["not found"]


def test_bad_import_loses_nothing_already_indexed(tmp_path: Path) -> None:
    paths = AppPaths.resolve(tmp_path / "home").ensure()
    store = DocStore.in_folder(paths.cache)
    index = SearchIndex(paths.index_dir)
    corpus = [bundled_corpus_dir(), paths.imported_dir]
    first = ingest(discover(corpus), store=store, index=index)
    assert first.added == 5 and first.ok
    before = {h.id for h in index.search("putin", limit=None).hits}

    _mixed_folder(tmp_path / "incoming")
    report = import_paths([tmp_path / "incoming"], paths.imported_dir)
    assert len(report.failures) == 3
    second = ingest(discover(corpus), store=store, index=index)
    assert second.added == 2 and second.unchanged == 5 and second.ok
    assert before <= {h.id for h in index.search("putin", limit=None).hits}
    assert [h.id for h in index.search("ostrovska").hits] == ["harbour"]
    assert len(store) == 7
    index.close()
    store.close()


def test_import_reports_progress(tmp_path: Path) -> None:
    src = tmp_path / "a.txt"
    src.write_text(GOOD_TEXT, encoding="utf-8")
    calls: list[tuple[int, int]] = []
    import_paths([src], tmp_path / "dest", progress=lambda d, t, m="": calls.append((d, t)))
    assert calls[0] == (0, 1) and calls[-1] == (1, 1)
    assert os.listdir(tmp_path / "dest") == ["a.txt"]
