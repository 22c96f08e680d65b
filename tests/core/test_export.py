"""Exports: every format read back with a real parser, citations present, hostile text inert."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from reader.core.annotations.export import (
    CSV_COLUMNS,
    FORMAT_NAMES,
    ORPHAN_NOTICE,
    ExportError,
    csv_cell,
    export_annotations,
    export_bytes,
    md_escape,
)
from reader.core.annotations.store import Annotation, AnnotationStore
from reader.core.dates import date_parts, human_date
from reader.core.model import Document, ReaderError

HOSTILE_TITLE = '<script>alert(1)</script> Summit "><b>bold</b>'
HOSTILE_QUOTE = "<img src=x onerror=alert(2)> the envoy said"
HOSTILE_NOTE = '"><b>injected</b> and <script>alert(3)</script>'
HOSTILE_STRINGS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    '"><b>',
    "<script>alert(3)</script>",
]
FORMULAS = ['=HYPERLINK("http://evil.example","click")', "@SUM(A1:A9)", "+1", "-2"]
EXPORTED = "2024-05-06T07:08:09Z"


def summit_article() -> Document:
    return Document(
        id="test_river_summit",
        title="Leaders hold river-boat summit",
        publisher="The Test Observer",
        byline="By Ada Example",
        published="2022-06-15",
        url="https://news.example.org/river-summit?id=7&lang=en",
        paragraphs=[
            "KHABAROVSK — The leaders spent the afternoon on a river boat.",
            "A joint statement promised new ferry links by next summer.",
            "Fishing quotas were not discussed, an aide said.",
        ],
    )


def hostile_article() -> Document:
    return Document(
        id="test_hostile_dispatch",
        title=HOSTILE_TITLE,
        publisher="=cmd|' /C calc'!A0",
        published="2022-07-01",
        url="javascript:alert(4)",
        paragraphs=[
            f"Opening words. {HOSTILE_QUOTE} at the border.",
            "Closing words follow here.",
        ],
    )


def unknown_article() -> Document:
    """An article with no URL and no date, as a scraper sometimes leaves one."""
    return Document(
        id="test_undated_note",
        title="A note without a date",
        paragraphs=["Only this sentence remains of the piece."],
    )


@pytest.fixture
def store(tmp_path: Path) -> Iterator[AnnotationStore]:
    with AnnotationStore(tmp_path / "annotations.sqlite3") as opened:
        yield opened


@pytest.fixture
def documents() -> dict[str, Document]:
    return {d.id: d for d in (summit_article(), hostile_article(), unknown_article())}


@pytest.fixture
def annotations(store: AnnotationStore, documents: dict[str, Document]) -> list[Annotation]:
    summit, hostile, unknown = documents.values()
    store.add(
        summit,
        quote="promised new ferry links by next summer",
        note="Concrete deliverable.\n\nCompare with the 2019 statement.",
        tags=["ferries", "deliverables"],
        color="#4fc3f7",
    )
    store.add(summit, quote="Fishing quotas were not discussed", tags=["fishing"])
    store.add(hostile, quote=HOSTILE_QUOTE, note=HOSTILE_NOTE, tags=["<b>tag</b>"])
    for i, formula in enumerate(FORMULAS):
        store.add(hostile, quote="Closing words", start=0, note=formula, tags=[f"f{i}"])
    orphan = store.add(unknown, quote="Only this sentence remains", note="kept though lost")
    # The article is re-cleaned and the passage is gone: an orphan, exported all the same.
    store.reanchor(Document(id=unknown.id, title=unknown.title, paragraphs=["Rewritten."]))
    assert store.get(orphan.id).orphaned
    return store.find()


def test_every_format_is_offered_and_unknown_ones_are_refused(
    annotations: list[Annotation], documents: dict[str, Document]
) -> None:
    for fmt in FORMAT_NAMES:
        assert export_annotations(annotations, documents, fmt, exported=EXPORTED)
    as_md = export_annotations(annotations, documents, "MD", exported=EXPORTED)
    assert as_md == export_annotations(annotations, documents, "markdown", exported=EXPORTED)
    with pytest.raises(ExportError, match="unknown export format 'docx'") as caught:
        export_annotations(annotations, documents, "docx")
    assert isinstance(caught.value, ReaderError)
    with pytest.raises(ExportError, match="cannot group"):
        export_annotations(annotations, documents, "markdown", group_by="colour")


def test_an_empty_export_is_still_well_formed(documents: dict[str, Document]) -> None:
    assert json.loads(export_annotations([], documents, "json"))["annotations"] == []
    assert json.loads(export_annotations([], documents, "jsonld"))["total"] == 0
    rows = list(csv.reader(io.StringIO(export_annotations([], documents, "csv").lstrip("\ufeff"))))
    assert rows == [list(CSV_COLUMNS)]
    BeautifulSoup(export_annotations([], documents, "html"), "html.parser")


# --- Markdown ---------------------------------------------------------------------------------


def test_markdown_has_blockquotes_notes_tags_and_citations(
    annotations: list[Annotation], documents: dict[str, Document]
) -> None:
    text = export_annotations(annotations, documents, "markdown", exported=EXPORTED)
    assert text.startswith("# Annotated excerpts\n")
    assert "## Leaders hold river\\-boat summit" not in text  # hyphens mid-line stay plain
    assert "## Leaders hold river-boat summit" in text
    assert "> promised new ferry links by next summer" in text
    assert "Concrete deliverable.\n\nCompare with the 2019 statement." in text
    assert "Tags: ferries, deliverables" in text
    citation = (
        "— Ada Example, “Leaders hold river-boat summit”, The Test Observer, 15 June 2022, "
        "<https://news.example.org/river-summit?id=7&lang=en>."
    )
    assert text.count(citation) == 2  # one per excerpt of that article
    # The orphan is there, marked, with its note and a citation without date or URL.
    assert "> Only this sentence remains" in text
    assert ORPHAN_NOTICE.split(":")[0] in text
    assert "kept though lost" in text
    assert "— “A note without a date”." in text


def test_markdown_escapes_markup_from_documents(
    annotations: list[Annotation], documents: dict[str, Document]
) -> None:
    text = export_annotations(annotations, documents, "markdown")
    for hostile in HOSTILE_STRINGS:
        assert hostile not in text
    assert "\\<script\\>alert(1)\\</script\\>" in text
    # A javascript: URL is never made a link.
    assert "<javascript:" not in text and "](javascript:" not in text


def test_markdown_grouped_by_tag_repeats_excerpts_under_each_tag(
    annotations: list[Annotation], documents: dict[str, Document]
) -> None:
    text = export_annotations(annotations, documents, "markdown", group_by="tag")
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert "## ferries" in headings and "## deliverables" in headings
    assert headings[-1] == "## Untagged"
    assert text.count("> promised new ferry links by next summer") == 2


def test_md_escape_defuses_line_starts() -> None:
    assert md_escape("- not a list") == "\\- not a list"
    assert md_escape("1. not a list") == "1\\. not a list"
    assert md_escape("# not a heading") == "\\# not a heading"
    assert md_escape("[a](javascript:x)") == "\\[a\\](javascript:x)"


# --- HTML -------------------------------------------------------------------------------------


class _TagCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs.extend(attrs)


def test_html_is_self_contained_and_every_document_string_is_inert(
    annotations: list[Annotation], documents: dict[str, Document]
) -> None:
    page = export_annotations(annotations, documents, "html", exported=EXPORTED)

    collector = _TagCollector()
    collector.feed(page)
    collector.close()
    assert not {"script", "img", "iframe", "object", "embed", "link", "b"} & set(collector.tags)
    names = {name for name, _ in collector.attrs}
    assert not any(name.startswith("on") for name in names)
    # No remote anything: the only link is the article's own http(s) URL.
    for name, value in collector.attrs:
        if name in ("src", "srcset"):
            pytest.fail(f"{name}={value}")
        if name == "href":
            assert value == "https://news.example.org/river-summit?id=7&lang=en"

    soup = BeautifulSoup(page, "html.parser")
    text = soup.get_text()
    for hostile in HOSTILE_STRINGS:
        assert hostile not in page  # never raw in the markup...
        assert hostile in text  # ...but shown to the reader as the words they are
    assert soup.find("style") is not None
    csp = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    assert csp is not None and "default-src 'none'" in csp["content"]


def test_html_shows_excerpts_with_citations_and_marks_orphans(
    annotations: list[Annotation], documents: dict[str, Document]
) -> None:
    soup = BeautifulSoup(export_annotations(annotations, documents, "html"), "html.parser")
    excerpts = soup.select("article.excerpt")
    assert len(excerpts) == len(annotations)
    first = next(e for e in excerpts if "ferry links" in e.blockquote.get_text())
    assert "border-left-color: #4fc3f7" in first.blockquote["style"]
    assert [p.get_text() for p in first.select(".note p")] == [
        "Concrete deliverable.",
        "Compare with the 2019 statement.",
    ]
    assert [t.get_text() for t in first.select(".tag")] == ["ferries", "deliverables"]
    citation = first.select_one(".citation")
    assert citation.cite.get_text() == "Leaders hold river-boat summit"
    assert "The Test Observer" in citation.get_text() and "15 June 2022" in citation.get_text()
    orphans = soup.select("article.orphaned")
    assert len(orphans) == 1 and "Orphaned" in orphans[0].get_text()


# --- CSV --------------------------------------------------------------------------------------


def test_csv_reads_back_one_row_per_excerpt_with_formulas_defused(
    annotations: list[Annotation], documents: dict[str, Document]
) -> None:
    data = export_bytes(annotations, documents, "csv")
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM, so spreadsheets read it as UTF-8
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert len(rows) == len(annotations)
    assert list(rows[0]) == list(CSV_COLUMNS)

    dangerous = ("=", "+", "-", "@", "\t", "\r")
    for row in rows:
        for value in row.values():
            assert not value.startswith(dangerous), value
    notes = [row["note"] for row in rows]
    for formula in FORMULAS:
        assert "'" + formula in notes
    hostile_rows = [r for r in rows if r["doc_id"] == "test_hostile_dispatch"]
    assert all(r["publisher"] == "'=cmd|' /C calc'!A0" for r in hostile_rows)

    ferry = next(r for r in rows if "ferry links" in r["quote"])
    assert ferry["title"] == "Leaders hold river-boat summit"
    assert ferry["published"] == "2022-06-15"
    assert ferry["url"] == "https://news.example.org/river-summit?id=7&lang=en"
    assert ferry["tags"] == "ferries; deliverables"
    assert ferry["note"] == "Concrete deliverable.\n\nCompare with the 2019 statement."
    assert "15 June 2022" in ferry["citation"]
    assert [r["orphaned"] for r in rows].count("yes") == 1


def test_csv_cell_neutralises_formula_starters() -> None:
    assert csv_cell("=1+1") == "'=1+1"
    assert csv_cell("\t=1") == "'\t=1"
    assert csv_cell("plain") == "plain"
    assert csv_cell(12) == "12"
    assert csv_cell(None) == ""


# --- JSON and JSON-LD ---------------------------------------------------------------------------


def test_json_carries_the_model_and_csl_citations(
    annotations: list[Annotation], documents: dict[str, Document]
) -> None:
    data = json.loads(export_annotations(annotations, documents, "json", exported=EXPORTED))
    assert data["format"] == "corpus-reader/annotations" and data["version"] == 1
    assert data["exported"] == EXPORTED and data["count"] == len(annotations)
    assert {a["id"] for a in data["annotations"]} == {a.id for a in annotations}
    restored = [Annotation.from_json(a) for a in data["annotations"]]
    assert sorted(restored, key=lambda a: a.id) == sorted(annotations, key=lambda a: a.id)
    assert [a["orphaned"] for a in data["annotations"]].count(True) == 1

    citations = {c["id"]: c for c in data["citations"]}
    assert set(citations) == {a.doc_id for a in annotations}
    summit = citations["test_river_summit"]
    assert summit == {
        "id": "test_river_summit",
        "type": "article-newspaper",
        "title": "Leaders hold river-boat summit",
        "container-title": "The Test Observer",
        "author": [{"literal": "Ada Example"}],
        "issued": {"date-parts": [[2022, 6, 15]]},
        "URL": "https://news.example.org/river-summit?id=7&lang=en",
    }
    assert "issued" not in citations["test_undated_note"]
    assert "URL" not in citations["test_undated_note"]


def _check_web_annotation(item: dict[str, object]) -> None:
    """The W3C Web Annotation model's MUSTs, for the parts this app writes."""
    assert item["type"] == "Annotation"
    assert isinstance(item["id"], str) and item["id"].startswith("urn:uuid:")
    target = item["target"]
    assert isinstance(target, dict)
    assert isinstance(target["source"], str) and ":" in target["source"]
    selectors = target["selector"]
    assert [s["type"] for s in selectors] == ["TextQuoteSelector", "TextPositionSelector"]
    quote, position = selectors
    assert isinstance(quote["exact"], str) and quote["exact"]
    assert isinstance(quote["prefix"], str) and isinstance(quote["suffix"], str)
    assert isinstance(position["start"], int) and position["end"] > position["start"] >= 0
    for body in item.get("body", []):
        assert body["type"] == "TextualBody" and isinstance(body["value"], str)
        assert body["purpose"] in ("commenting", "tagging")
    assert item["created"].endswith("Z") and item["modified"].endswith("Z")


def test_jsonld_is_a_w3c_annotation_collection(
    annotations: list[Annotation], documents: dict[str, Document]
) -> None:
    data = json.loads(export_annotations(annotations, documents, "jsonld", exported=EXPORTED))
    assert data["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert data["type"] == "AnnotationCollection" and data["id"].startswith("urn:uuid:")
    assert data["total"] == len(annotations)
    page = data["first"]
    assert page["type"] == "AnnotationPage" and page["id"].startswith("urn:uuid:")
    items = page["items"]
    assert len(items) == len(annotations)
    for item in items:
        _check_web_annotation(item)

    by_id = {item["id"]: item for item in items}
    ferry = next(a for a in annotations if "ferry links" in a.quote)
    item = by_id[f"urn:uuid:{ferry.id}"]
    assert item["motivation"] == "commenting"
    assert item["body"] == [
        {
            "type": "TextualBody",
            "value": ferry.note,
            "format": "text/plain",
            "purpose": "commenting",
        },
        {"type": "TextualBody", "value": "ferries", "purpose": "tagging"},
        {"type": "TextualBody", "value": "deliverables", "purpose": "tagging"},
    ]
    assert item["target"]["source"] == "https://news.example.org/river-summit?id=7&lang=en"
    quote, position = item["target"]["selector"]
    body = documents["test_river_summit"].body_text
    assert body[position["start"] : position["end"]] == quote["exact"] == ferry.quote

    # No usable URL: the article is named by a URN made from its id.
    hostile = next(i for i in items if "onerror" in i["target"]["selector"][0]["exact"])
    assert hostile["target"]["source"] == "urn:corpus-reader:article:test_hostile_dispatch"
    orphaned = [i for i in items if i.get("orphaned")]
    assert len(orphaned) == 1 and orphaned[0]["body"][0]["value"] == "kept though lost"

    sources = {i["target"]["source"] for i in items}
    citations = data["citations"]
    assert {c["id"] for c in citations} == sources
    assert all(c["type"] == "article-newspaper" for c in citations)


def test_same_annotations_export_to_the_same_collection_id(
    annotations: list[Annotation], documents: dict[str, Document]
) -> None:
    first = json.loads(export_annotations(annotations, documents, "jsonld"))
    again = json.loads(export_annotations(list(reversed(annotations)), documents, "jsonld"))
    assert first["id"] == again["id"]


def test_an_annotation_whose_article_is_gone_is_still_exported(store: AnnotationStore) -> None:
    ann = store.add(summit_article(), quote="river boat")
    for fmt in FORMAT_NAMES:
        out = export_annotations([ann], {}, fmt).replace("\\_", "_")  # Markdown escapes _
        assert "river boat" in out and "test_river_summit" in out


# --- dates ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("published", "parts", "text"),
    [
        ("2019-01-22", [2019, 1, 22], "22 January 2019"),
        ("2019-06-29T10:00:00+09:00", [2019, 6, 29], "29 June 2019"),
        ("2016-11", [2016, 11], "November 2016"),
        ("2018", [2018], "2018"),
        (None, [], ""),
        ("last week", [], "last week"),
    ],
)
def test_dates_for_citations(published: str | None, parts: list[int], text: str) -> None:
    assert date_parts(published) == parts
    assert human_date(published) == text
