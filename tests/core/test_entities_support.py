"""Shared helpers for the entity and timeline tests: bundled articles as cleaned Documents."""

from __future__ import annotations

import json
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from reader.core.analysis.pipeline import analyze
from reader.core.clean import clean_file
from reader.core.model import Document

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = ROOT / "corpus" / "articles"

IDS = {
    "000": "000_5f0500b3071f7868",
    "001": "001_e7cd980b6579670b",
    "002": "002_88f331eb946bdea1",
    "003": "003_f58378006adc5005",
    "004": "004_7e4fc252ac36b584",
}


@lru_cache(maxsize=1)
def _manifest() -> dict[str, Any]:
    with open(ROOT / "corpus" / "manifest.json", encoding="utf-8") as fh:
        return json.load(fh)["articles"]


def bundled_doc(short: str) -> Document:
    doc_id = IDS[short]
    return clean_file(ARTICLES / f"{doc_id}.txt", manifest=_manifest()[doc_id])


@cache
def _bundled_analysis_json(short: str) -> str:
    return json.dumps(analyze(bundled_doc(short)))


def bundled_analysis(short: str) -> dict[str, Any]:
    """A fresh copy each time (tests may mutate it), computed once."""
    return json.loads(_bundled_analysis_json(short))


def bundled_analyses() -> list[tuple[str, dict[str, Any]]]:
    return [(IDS[s], bundled_analysis(s)) for s in sorted(IDS)]


def make_doc(
    doc_id: str,
    paragraphs: list[str],
    *,
    published: str | None = None,
    dateline: str = "",
    title: str = "",
    meeting: dict[str, Any] | None = None,
) -> Document:
    return Document(
        id=doc_id,
        title=title,
        paragraphs=paragraphs,
        published=published,
        published_source="manifest" if published else "none",
        dateline=dateline,
        meeting=meeting,
    )


def entity(analysis: dict[str, Any], key: str) -> dict[str, Any] | None:
    return next((e for e in analysis["entities"] if e["key"] == key), None)


def entity_named(analysis: dict[str, Any], name: str) -> dict[str, Any] | None:
    return next((e for e in analysis["entities"] if e["name"] == name), None)


def surface_forms(analysis: dict[str, Any], key: str) -> set[str]:
    ent = entity(analysis, key)
    return {m["text"] for m in ent["mentions"]} if ent else set()


def assert_offsets(doc: Document, analysis: dict[str, Any]) -> None:
    """Every entity mention and meeting passage slices out of the body text exactly."""
    text = doc.body_text
    for ent in analysis["entities"]:
        for m in ent["mentions"]:
            assert text[m["start"] : m["end"]] == m["text"], (ent["key"], m)
    for meeting in analysis["meetings"]:
        assert text[meeting["start"] : meeting["end"]] == meeting["passage"]
        a, b = meeting["match"]
        assert meeting["start"] <= a < b <= meeting["end"]
